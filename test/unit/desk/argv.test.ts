import { describe, expect, it } from 'vitest';
import { buildArgv } from '../../../electron/desk/runsc/argv';
import { DeskError } from '../../../shared/errors';
import { caps2022, capsCurrent } from './caps';

const ctx = { root: '/var/run/runsc', globalFlags: ['--network=none', '--platform=ptrace'] };

function thrown(fn: () => unknown): DeskError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected a DeskError, nothing was thrown');
}

describe('buildArgv: layout', () => {
  it('puts --root then the profile before the subcommand, and -- before the id', () => {
    const argv = buildArgv(caps2022(), ctx, 'checkpoint', { id: 'web-1', imagePath: '/img/a' });
    expect(argv).toEqual(['--root=/var/run/runsc', '--network=none', '--platform=ptrace', 'checkpoint', '--image-path=/img/a', '--', 'web-1']);
  });

  it('keeps the profile order and adds nothing when the profile is empty', () => {
    const argv = buildArgv(caps2022(), { root: '/r', globalFlags: [] }, 'state', { id: 'c1' });
    expect(argv).toEqual(['--root=/r', 'state', '--', 'c1']);
  });

  it('writes bool flags bare and value flags as --name=value; false and undefined are left out', () => {
    const caps = caps2022();
    expect(buildArgv(caps, ctx, 'checkpoint', { id: 'c', imagePath: '/i', leaveRunning: true, workPath: '/w' }).slice(3))
      .toEqual(['checkpoint', '--image-path=/i', '--leave-running', '--work-path=/w', '--', 'c']);
    expect(buildArgv(caps, ctx, 'checkpoint', { id: 'c', imagePath: '/i', leaveRunning: false, workPath: undefined }).slice(3))
      .toEqual(['checkpoint', '--image-path=/i', '--', 'c']);
    expect(buildArgv(caps, ctx, 'delete', { id: 'c', force: false }).slice(3)).toEqual(['delete', '--', 'c']);
    expect(buildArgv(caps, ctx, 'delete', { id: 'c', force: true }).slice(3)).toEqual(['delete', '--force', '--', 'c']);
  });

  it('lays out the other subcommands', () => {
    const caps = caps2022();
    const sub = (argv: string[]) => argv.slice(3);
    expect(sub(buildArgv(caps, ctx, 'list', { format: 'json' }))).toEqual(['list', '--format=json', '--']);
    expect(sub(buildArgv(caps, ctx, 'ps', { id: 'c' }))).toEqual(['ps', '--', 'c']);
    expect(sub(buildArgv(caps, ctx, 'ps', { id: 'c', format: 'json' }))).toEqual(['ps', '--format=json', '--', 'c']);
    expect(sub(buildArgv(caps, ctx, 'events', { id: 'c', stats: true }))).toEqual(['events', '--stats', '--', 'c']);
    expect(sub(buildArgv(caps, ctx, 'run', { id: 'c', bundle: '/b', detach: true }))).toEqual(['run', '--bundle=/b', '--detach', '--', 'c']);
    expect(sub(buildArgv(caps, ctx, 'restore', { id: 'c', bundle: '/b', imagePath: '/i', detach: true })))
      .toEqual(['restore', '--bundle=/b', '--image-path=/i', '--detach', '--', 'c']);
  });

  it('keeps a command and an id that look like flags after --', () => {
    const argv = buildArgv(caps2022(), ctx, 'exec', { id: 'c1', command: ['ls', '-la', '--help'] });
    expect(argv.slice(3)).toEqual(['exec', '--', 'c1', 'ls', '-la', '--help']);
  });
});

describe('buildArgv on 2022 runsc', () => {
  it('refuses compression with UNSUPPORTED_OPTION naming the flag, the version and what is supported', () => {
    const error = thrown(() => buildArgv(caps2022(), ctx, 'checkpoint', { id: 'c', imagePath: '/i', compression: 'none' }));
    expect(error.code).toBe('UNSUPPORTED_OPTION');
    expect(error.message).toContain('--compression');
    expect(error.message).toContain('0.0~20221219.0');
    expect(error.message).toContain('--image-path, --leave-running, --work-path');
    expect(error.details).toMatchObject({ field: 'compression', runscVersion: '0.0~20221219.0' });
  });

  it.each([
    ['direct', { direct: true }],
    ['exclude-committed-zero-pages', { excludeCommittedZeroPages: true }],
    ['cuda-checkpoint-path', { cudaCheckpointPath: '/usr/bin/cuda-checkpoint' }],
    ['cuda-checkpoint-sequential', { cudaCheckpointSequential: true }],
  ])('refuses --%s', (flag, extra) => {
    const error = thrown(() => buildArgv(caps2022(), ctx, 'checkpoint', { id: 'c', imagePath: '/i', ...extra }));
    expect(error.code).toBe('UNSUPPORTED_OPTION');
    expect(error.message).toContain(`--${flag}`);
  });

  it('accepts a new-only option that is off (false is not asked for)', () => {
    expect(() => buildArgv(caps2022(), ctx, 'checkpoint', { id: 'c', imagePath: '/i', direct: false, excludeCommittedZeroPages: false }))
      .not.toThrow();
  });

  it('refuses restore --background and --direct', () => {
    const error = thrown(() => buildArgv(caps2022(), ctx, 'restore', { id: 'c', bundle: '/b', imagePath: '/i', detach: true, background: true }));
    expect(error.code).toBe('UNSUPPORTED_OPTION');
    expect(error.message).toContain('--background');
    expect(error.message).toContain('restore');
  });

  it('passes valid extra flags after the typed ones, before --', () => {
    const argv = buildArgv(caps2022(), ctx, 'restore', {
      id: 'c', bundle: '/b', imagePath: '/i', detach: true, extraFlags: ['--pid-file=/tmp/p', '--no-subreaper'],
    });
    expect(argv.slice(3)).toEqual(['restore', '--bundle=/b', '--image-path=/i', '--detach', '--pid-file=/tmp/p', '--no-subreaper', '--', 'c']);
  });

  it('refuses an unknown extra flag with its field', () => {
    const error = thrown(() => buildArgv(caps2022(), ctx, 'restore', {
      id: 'c', bundle: '/b', imagePath: '/i', detach: true, extraFlags: ['--pid-file=/p', '--tcp-established'],
    }));
    expect(error.code).toBe('UNSUPPORTED_OPTION');
    expect(error.message).toContain('--tcp-established');
    expect(error.details?.field).toBe('extraFlags.1');
  });

  it('refuses an extra flag that has its own option', () => {
    const error = thrown(() => buildArgv(caps2022(), ctx, 'checkpoint', { id: 'c', imagePath: '/i', extraFlags: ['--leave-running'] }));
    expect(error.code).toBe('INVALID_INPUT');
  });
});

describe('buildArgv on current runsc', () => {
  const base = { id: 'c', imagePath: '/i' };

  it('passes compression, direct and exclude-committed-zero-pages exactly when asked', () => {
    const caps = capsCurrent();
    expect(caps.version).toBe('release-20260817.0');
    const flagsOf = (argv: string[]) => argv.slice(argv.indexOf('checkpoint') + 1, argv.indexOf('--'));
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', base))).toEqual(['--image-path=/i']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', { ...base, compression: 'flate-best-speed' })))
      .toEqual(['--image-path=/i', '--compression=flate-best-speed']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', { ...base, compression: 'none' })))
      .toEqual(['--image-path=/i', '--compression=none']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', { ...base, direct: true }))).toEqual(['--image-path=/i', '--direct']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', { ...base, excludeCommittedZeroPages: true })))
      .toEqual(['--image-path=/i', '--exclude-committed-zero-pages']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', { ...base, direct: false, excludeCommittedZeroPages: false })))
      .toEqual(['--image-path=/i']);
    expect(flagsOf(buildArgv(caps, ctx, 'checkpoint', {
      ...base, leaveRunning: true, compression: 'none', direct: true, excludeCommittedZeroPages: true,
      cudaCheckpointPath: '/usr/local/bin/cuda-checkpoint', cudaCheckpointSequential: true,
    }))).toEqual([
      '--image-path=/i', '--leave-running', '--compression=none', '--direct', '--exclude-committed-zero-pages',
      '--cuda-checkpoint-path=/usr/local/bin/cuda-checkpoint', '--cuda-checkpoint-sequential',
    ]);
  });

  it('passes restore --direct and --background', () => {
    const argv = buildArgv(capsCurrent(), ctx, 'restore', { id: 'c', bundle: '/b', imagePath: '/i', detach: true, direct: true, background: true });
    expect(argv.slice(3)).toEqual(['restore', '--bundle=/b', '--image-path=/i', '--detach', '--direct', '--background', '--', 'c']);
  });

  it('still validates extra flags: a valued flag without value, and a global flag', () => {
    const caps = capsCurrent();
    expect(() => buildArgv(caps, ctx, 'checkpoint', { ...base, extraFlags: ['--save-restore-exec-timeout=1m'] })).not.toThrow();
    expect(thrown(() => buildArgv(caps, ctx, 'checkpoint', { ...base, extraFlags: ['--save-restore-exec-timeout'] })).code).toBe('INVALID_INPUT');
    expect(thrown(() => buildArgv(caps, ctx, 'checkpoint', { ...base, extraFlags: ['--net-disconnect-ok'] })).code).toBe('UNSUPPORTED_OPTION');
  });
});
