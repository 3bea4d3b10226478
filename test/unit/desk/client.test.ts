import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunscClient } from '../../../electron/desk/runsc/client';
import { runscFailure } from '../../../electron/desk/runsc/failure';
import type { RunscResult } from '../../../electron/desk/runsc/spawn';
import { DeskError } from '../../../shared/errors';
import { capsCurrent } from './caps';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

const ARGV = ['runsc', '--root=/r', 'checkpoint', '--image-path=/i', '--', 'c'];

function result(patch: Partial<RunscResult>): RunscResult {
  return {
    argv: ARGV, exitCode: 128, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: null, durationMs: 12,
    ...patch,
  };
}

/** A failure answered to an API call. */
const failure = (subcommand: string, r: RunscResult) => runscFailure(r, { during: 'call', subcommand });

describe('failure', () => {
  it('turns exit 128 with a known message into RUNSC_FAILED with the diagnosis and the reason', () => {
    const stderr = 'checkpoint failed: cannot checkpoint container "c" in state stopped\n';
    const error = failure('checkpoint', result({ stderr }));
    expect(error).toBeInstanceOf(DeskError);
    expect(error.code).toBe('RUNSC_FAILED');
    expect(error.details?.diagnosis).toEqual({
      title: 'The container is not running',
      evidence: 'checkpoint failed: cannot checkpoint container "c" in state stopped',
      fix: expect.any(String),
    });
    expect(error.message).toContain('The container is not running');
    expect(error.message).not.toMatch(/^runsc checkpoint exited 128\.?$/);
    expect(error.details).toMatchObject({ argv: ARGV, exitCode: 128, signal: null, stderr });
  });

  it('quotes the first stderr line when the message is unknown', () => {
    const error = failure('restore', result({ stderr: '\n  something odd happened  \nsecond line\n' }));
    expect(error.code).toBe('RUNSC_FAILED');
    expect(error.message).toBe('runsc restore exited 128: something odd happened.');
    expect(error.details?.diagnosis).toBeUndefined();
  });

  it('says when stderr was empty, and names a signal', () => {
    expect(failure('list', result({ stderr: '' })).message).toBe('runsc list exited 128 with nothing on stderr.');
    const killed = failure('checkpoint', result({ exitCode: null, signal: 'SIGKILL', stderr: '' }));
    expect(killed.code).toBe('RUNSC_FAILED');
    expect(killed.message).toContain('was killed by SIGKILL');
  });

  it('maps "loading container: file does not exist" to NOT_FOUND', () => {
    const error = failure('state', result({ stderr: 'loading container: file does not exist\n' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details?.diagnosis?.evidence).toBe('loading container: file does not exist');
    expect(error.message).toContain('No such container under this root');
  });

  it('maps a timeout to RUNSC_TIMEOUT', () => {
    const error = failure('list', result({ exitCode: null, signal: 'SIGTERM', timedOut: true }));
    expect(error.code).toBe('RUNSC_TIMEOUT');
    expect(error.message).toContain('runsc list');
    expect(error.details?.argv).toEqual(ARGV);
  });

  it('maps a spawn error to RUNSC_MISSING, naming the error', () => {
    const error = failure('list', result({ exitCode: null, spawnError: 'ENOENT: spawn /usr/bin/runsc ENOENT' }));
    expect(error.code).toBe('RUNSC_MISSING');
    expect(error.message).toContain('ENOENT: spawn /usr/bin/runsc ENOENT');
  });
});

describe('RunscClient.call against the current-runsc stand-in (a node script)', () => {
  const binary = join(__dirname, '../../support/runsc-current.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'desk-client-'));
  const ctx = { root: dir, globalFlags: ['--network=none'] };
  writeFileSync(join(dir, 'stand-in-containers.json'), JSON.stringify([
    { id: 'up', status: 'running', pid: 77, bundle: '/b/up' },
    { id: 'down', status: 'stopped', pid: 0, bundle: '/b/down' },
  ]));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const client = new RunscClient(host, binary, capsCurrent(), 'none');

  it('returns the result of a call that exits 0', async () => {
    const r = await client.call(ctx, 'list', { format: 'json' });
    expect(r.exitCode).toBe(0);
    expect(r.argv).toEqual([binary, `--root=${dir}`, '--network=none', 'list', '--format=json', '--']);
    expect(JSON.parse(r.stdout).map((c: { id: string }) => c.id)).toEqual(['up', 'down']);
  });

  it('throws NOT_FOUND for an id that is not there', async () => {
    await expect(client.call(ctx, 'state', { id: 'ghost' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { exitCode: 128 } });
  });

  it('throws RUNSC_FAILED with the diagnosis for a stopped container', async () => {
    const error = await client.call(ctx, 'checkpoint', { id: 'down', imagePath: join(dir, 'img') }).catch((e: unknown) => e as DeskError);
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).code).toBe('RUNSC_FAILED');
    expect((error as DeskError).details?.diagnosis?.evidence).toBe('checkpoint failed: cannot checkpoint container "down" in state stopped');
  });

  it('throws RUNSC_MISSING for a binary that does not exist', async () => {
    const missing = new RunscClient(host, join(dir, 'no-such-runsc'), capsCurrent(), 'none');
    await expect(missing.call(ctx, 'list', { format: 'json' })).rejects.toMatchObject({ code: 'RUNSC_MISSING' });
  });
});
