import { describe, expect, it } from 'vitest';
import { runscFailure } from '../../../electron/desk/runsc/failure';
import type { RunscResult } from '../../../electron/desk/runsc/spawn';

const result = (patch: Partial<RunscResult>): RunscResult => ({
  argv: ['/x/runsc', 'help', 'checkpoint'], exitCode: 2, signal: null, stdout: '', stderr: 'bad\n', timedOut: false, cancelled: false, spawnError: null, durationMs: 3,
  ...patch,
});

describe('runscFailure while probing', () => {
  it('says the binary cannot be used as runsc, and why', () => {
    const error = runscFailure(result({}), { during: 'probe', binary: '/x/runsc', what: 'failed on `help checkpoint`' });
    expect(error.code).toBe('RUNSC_MISSING');
    expect(error.message).toBe('/x/runsc cannot be used as runsc: failed on `help checkpoint`.');
    expect(error.details).toEqual({ argv: result({}).argv, exitCode: 2, signal: null, stderr: 'bad\n', stdout: '' });
  });

  it('prefers the spawn error, then the timeout, to the step', () => {
    expect(runscFailure(result({ spawnError: 'EACCES: spawn' }), { during: 'probe', binary: '/x/runsc', what: 'w' }).message).toContain('EACCES: spawn');
    expect(runscFailure(result({ timedOut: true }), { during: 'probe', binary: '/x/runsc', what: 'w' }).message).toContain('timed out');
  });
});

describe('runscFailure: one diagnosis for every caller', () => {
  it('finds the same diagnosis for a call and a step', () => {
    const stderr = 'loading container: file does not exist\n';
    const call = runscFailure(result({ stderr }), { during: 'call', subcommand: 'state' });
    const step = runscFailure(result({ stderr }), { during: 'step', what: 'checkpoint' });
    expect(call.details?.diagnosis).toEqual(step.details?.diagnosis);
    expect(call.details?.diagnosis?.title).toBe('No such container under this root');
  });
});
