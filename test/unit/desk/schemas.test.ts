import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { parseRequest, type DeskMethod } from '../../../shared/schemas';

function refusal(method: DeskMethod, input: unknown): DeskError {
  try {
    parseRequest(method, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('INVALID_INPUT');
    return error as DeskError;
  }
  throw new Error(`${method} accepted ${JSON.stringify(input)}`);
}

const ROOT = '/var/run/runsc';

describe('parseRequest: container ids', () => {
  it.each([['web-1'], ['a.b+c_d'], ['A'], ['9'], ['c1_2.3+4-5'], ['x'.repeat(128)]])('accepts id #%#', (id) => {
    expect(parseRequest('getContainer', { root: ROOT, id })).toEqual({ root: ROOT, id });
  });

  it.each([
    ['a slash', 'a/b'],
    ['only a slash', '/'],
    ['a leading -', '-rf'],
    ['a leading .', '.hidden'],
    ['a leading _', '_x'],
    ['129 characters', 'x'.repeat(129)],
    ['empty', ''],
    ['a space', 'web 1'],
    ['a non-ASCII letter', 'wéb'],
    ['a NUL', 'a\0b'],
  ])('refuses an id with %s', (_, id) => {
    const error = refusal('getContainer', { root: ROOT, id });
    expect(error.details?.field).toBe('id');
    expect(error.message).toContain('getContainer: id');
  });

  it('refuses an id that is not a string', () => {
    expect(refusal('getContainer', { root: ROOT, id: 42 }).details?.field).toBe('id');
  });
});

describe('parseRequest: paths', () => {
  it.each([['/'], ['/a'], ['/var/run/runsc'], ['/tmp/with space/é'], [`/${'a'.repeat(4095)}`]])('accepts path #%#', (path) => {
    expect(parseRequest('listDirectory', { path })).toEqual({ path });
  });

  it.each([
    ['relative', 'tmp/x', /absolute/],
    ['empty', '', /absolute/],
    ['with ..', '/a/../b', /normalised/],
    ['with .', '/a/./b', /normalised/],
    ['with //', '//a', /normalised/],
    ['with // inside', '/a//b', /normalised/],
    ['with a trailing slash', '/a/b/', /normalised/],
    ['with a NUL', '/a\0b', /NUL/],
    ['over 4096 bytes', `/${'a'.repeat(4096)}`, /4096 bytes/],
    ['over 4096 bytes in UTF-8, though fewer characters', `/${'é'.repeat(2048)}`, /4096 bytes/],
  ])('refuses a path %s', (_, path, why) => {
    const error = refusal('listDirectory', { path });
    expect(error.details?.field).toBe('path');
    expect(error.message).toMatch(why);
  });

  it('suggests the normalised form', () => {
    expect(refusal('listDirectory', { path: '/a/b/../c/' }).message).toContain('/a/c');
  });

  it('checks every path field of a checkpoint', () => {
    expect(refusal('checkpoint', { root: ROOT, id: 'c', imagePath: 'img' }).details?.field).toBe('imagePath');
    expect(refusal('checkpoint', { root: ROOT, id: 'c', workPath: '/w/' }).details?.field).toBe('workPath');
    expect(refusal('checkpoint', { root: 'runsc', id: 'c' }).details?.field).toBe('root');
    expect(refusal('checkpoint', { root: ROOT, id: 'c', cuda: { policy: 'auto', pathInContainer: 'cuda-checkpoint' } }).details?.field)
      .toBe('cuda.pathInContainer');
  });
});

describe('parseRequest: keys and body', () => {
  it('refuses an unknown key, naming it', () => {
    const error = refusal('getContainer', { root: ROOT, id: 'c', force: true });
    expect(error.details?.field).toBe('force');
    expect(error.message).toContain('force');
    expect(error.message).toContain('is not a field of this call');
  });

  it('names every unknown key', () => {
    const error = refusal('getOverview', { a: 1, b: 2 });
    expect(error.message).toContain('a');
    expect(error.message).toContain('b');
  });

  it('names an unknown key of a nested object with its dotted path', () => {
    const error = refusal('checkpoint', { root: ROOT, id: 'c', cuda: { policy: 'auto', sequentiel: true } });
    expect(error.message).toContain('sequentiel');
    expect(error.details?.field).toBe('cuda.sequentiel');
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 7],
    ['an array', []],
    ['true', true],
  ])('refuses %s as the body with field (body)', (_, body) => {
    const error = refusal('getOverview', body);
    expect(error.details?.field).toBe('(body)');
    expect(error.message).toContain('must be a JSON object');
  });

  it('reads a missing body as {}', () => {
    expect(parseRequest('getOverview', undefined)).toEqual({});
    expect(parseRequest('getOverview', null)).toEqual({});
    expect(refusal('getContainer', undefined).details?.field).toBe('root');
  });

  it('fills defaults', () => {
    expect(parseRequest('addRoot', { path: '/r' })).toEqual({ path: '/r', globalFlags: [] });
  });
});

describe('parseRequest: flags', () => {
  it('accepts --name and --name=value', () => {
    const request = { root: ROOT, id: 'c', extraFlags: ['--leave-running', '--image-path=/a', '--pid-file=', '--user-log=/tmp/a b.log'] };
    expect(parseRequest('checkpoint', request)).toEqual(request);
    expect(parseRequest('addRoot', { path: '/r', globalFlags: ['--network=none', '--debug'] }).globalFlags).toEqual(['--network=none', '--debug']);
  });

  it.each([
    ['a bare word', 'leave-running'],
    ['a lone --', '--'],
    ['three dashes', '---x'],
    ['no name', '--=x'],
    ['a space in the name', '--leave running'],
    ['a NUL in the value', '--image-path=/a\0b'],
    ['a positional', '/tmp/x'],
    ['an empty string', ''],
  ])('refuses %s with its index', (_, flag) => {
    const error = refusal('checkpoint', { root: ROOT, id: 'c', extraFlags: ['--leave-running', flag] });
    expect(error.details?.field).toBe('extraFlags.1');
    expect(error.message).toContain('--name or --name=value');
  });

  it('refuses a bad global flag in addRoot', () => {
    expect(refusal('addRoot', { path: '/r', globalFlags: ['network=none'] }).details?.field).toBe('globalFlags.0');
  });

  it('refuses more than 32 extra flags', () => {
    const extraFlags = Array.from({ length: 33 }, (_, i) => `--f${i}`);
    expect(refusal('checkpoint', { root: ROOT, id: 'c', extraFlags }).details?.field).toBe('extraFlags');
  });
});

describe('parseRequest: other fields', () => {
  it('checks enums and job ids', () => {
    expect(refusal('checkpoint', { root: ROOT, id: 'c', compression: 'gzip' }).details?.field).toBe('compression');
    expect(parseRequest('checkpoint', { root: ROOT, id: 'c', compression: 'flate-best-speed' }).compression).toBe('flate-best-speed');
    expect(refusal('getJob', { jobId: '../etc' }).details?.field).toBe('jobId');
    expect(parseRequest('getJob', { jobId: '20261130t120000-abcdef' })).toEqual({ jobId: '20261130t120000-abcdef' });
    expect(refusal('getJobLog', { jobId: 'a', limit: 0 }).details?.field).toBe('limit');
    expect(refusal('getJobLog', { jobId: 'a', offset: -1 }).details?.field).toBe('offset');
  });
});
