import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('runscFailure names the cause, not a goroutine dump\'s tail', () => {
  // A real 2024 image restored by the 2022 runsc: the cause, then ~80 lines of stack.
  const stderr = readFileSync(join(__dirname, '../../fixtures/runsc-failures/restore-image-from-20240729.20221219.stderr'), 'utf8');

  it.each([
    ['a job step', { during: 'step', what: 'restore' }],
    ['a call', { during: 'call', subcommand: 'restore' }],
  ] as const)('in %s', (_name, context) => {
    const error = runscFailure(result({ stderr, exitCode: 128 }), context);
    expect(error.message).toContain('A different runsc made this image');
    expect(error.message).toContain('contains different fields');
    expect(error.message).not.toMatch(/\.go:\d+/);
  });

  it('quotes the cause when nothing diagnoses it', () => {
    const unknown = 'restoring container "x": something new broke\ngoroutine 1 [running]:\ngvisor.dev/gvisor/pkg/urpc.(*Client).Call(...)\n\tgvisor.dev/gvisor/pkg/urpc/urpc.go:433 +0x1d\n';
    const error = runscFailure(result({ stderr: unknown, exitCode: 128 }), { during: 'step', what: 'restore' });
    expect(error.message).toBe('runsc restore exited 128. runsc said: restoring container "x": something new broke');
  });
});
