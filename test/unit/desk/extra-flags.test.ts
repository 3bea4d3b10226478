import { describe, expect, it } from 'vitest';
import { extraFlagProblem } from '../../../electron/desk/runsc/extra-flags';
import { FOREIGN_CHECKPOINT_FLAGS } from '../../../shared/flag-catalogue';
import { caps2022, capsCurrent } from './caps';

const old = caps2022();
const current = capsCurrent();

describe('extraFlagProblem', () => {
  it('suggests --work-path for --work-dir', () => {
    for (const caps of [old, current]) {
      const problem = extraFlagProblem(caps, 'checkpoint', '--work-dir=/x', 0);
      expect(problem).not.toBeNull();
      expect(problem!.code).toBe('UNSUPPORTED_OPTION');
      expect(problem!.field).toBe('extraFlags.0');
      expect(problem!.message).toContain('--work-dir');
      expect(problem!.message).toContain('--work-path');
    }
  });

  const foreign = Object.entries(FOREIGN_CHECKPOINT_FLAGS);
  it('knows every runc/CRIU/Podman flag the reference lists', () => {
    for (const name of [
      'work-dir', 'tcp-established', 'allow-open-tcp', 'tcp-skip-in-flight', 'skip-in-flight', 'link-remap', 'ext-unix-sk',
      'shell-job', 'file-locks', 'lazy-pages', 'page-server', 'pre-dump', 'parent-path', 'manage-cgroups-mode', 'empty-ns',
      'auto-dedup', 'export', 'compress', 'print-stats', 'keep', 'pre-checkpoint',
    ]) expect(FOREIGN_CHECKPOINT_FLAGS, name).toHaveProperty([name]);
  });

  it.each(foreign)('explains --%s on both runsc generations, bare or with a value', (name, info) => {
    for (const caps of [old, current]) {
      for (const [i, flag] of [`--${name}`, `--${name}=1`, `-${name}`].entries()) {
        const problem = extraFlagProblem(caps, 'checkpoint', flag, i + 3);
        expect(problem, `${caps.version} ${flag}`).toEqual({
          code: 'UNSUPPORTED_OPTION',
          field: `extraFlags.${i + 3}`,
          message: expect.stringContaining(info.why),
        });
        expect(problem!.message).toContain(`--${name}`);
        if (info.instead) expect(problem!.message).toContain(info.instead);
      }
    }
  });

  it('explains the CRIU flags on restore too', () => {
    const problem = extraFlagProblem(current, 'restore', '--lazy-pages', 0);
    expect(problem?.code).toBe('UNSUPPORTED_OPTION');
    expect(problem?.message).toContain('restore --background');
  });

  it.each([
    ['--image-path=/a', 'imagePath'],
    ['--leave-running', 'leaveRunning'],
    ['--work-path=/w', 'workPath'],
    ['-leave-running', 'leaveRunning'],
  ])('sends %s to its own option', (flag, option) => {
    for (const caps of [old, current]) {
      const problem = extraFlagProblem(caps, 'checkpoint', flag, 2);
      expect(problem?.code).toBe('INVALID_INPUT');
      expect(problem?.field).toBe('extraFlags.2');
      expect(problem?.message).toContain(`use the ${option} option`);
    }
  });

  it('sends the current-only checkpoint options to their own fields', () => {
    expect(extraFlagProblem(current, 'checkpoint', '--compression=none', 0)?.message).toContain('use the compression option');
    expect(extraFlagProblem(current, 'checkpoint', '--direct', 0)?.message).toContain('use the direct option');
    expect(extraFlagProblem(current, 'checkpoint', '--cuda-checkpoint-path=/c', 0)?.message).toContain('use the cuda option');
  });

  it('sends restore --image-path and --bundle to their options', () => {
    expect(extraFlagProblem(old, 'restore', '--image-path=/a', 1)).toMatchObject({ code: 'INVALID_INPUT', field: 'extraFlags.1', message: expect.stringContaining('use the imagePath option') });
    expect(extraFlagProblem(old, 'restore', '--bundle=/b', 1)?.message).toContain('use the bundle option');
  });

  it('says a global flag belongs in the profile', () => {
    for (const caps of [old, current]) {
      const problem = extraFlagProblem(caps, 'checkpoint', '--network=none', 4);
      expect(problem?.code).toBe('UNSUPPORTED_OPTION');
      expect(problem?.field).toBe('extraFlags.4');
      expect(problem?.message).toMatch(/global/);
      expect(problem?.message).toMatch(/profile/);
    }
    expect(extraFlagProblem(old, 'restore', '--debug', 0)?.message).toMatch(/global runsc flag, not a restore flag/);
  });

  it('wants a value for a known value flag', () => {
    const problem = extraFlagProblem(old, 'restore', '--pid-file', 5);
    expect(problem).toMatchObject({ code: 'INVALID_INPUT', field: 'extraFlags.5' });
    expect(problem!.message).toContain('needs a value');
    expect(extraFlagProblem(current, 'checkpoint', '--save-restore-exec-timeout', 0)?.code).toBe('INVALID_INPUT');
  });

  it('accepts a known flag used properly', () => {
    expect(extraFlagProblem(old, 'restore', '--pid-file=/tmp/pid', 0)).toBeNull();
    expect(extraFlagProblem(old, 'restore', '--no-subreaper', 0)).toBeNull();
    expect(extraFlagProblem(current, 'checkpoint', '--save-restore-exec-timeout=30s', 0)).toBeNull();
  });

  it.each([
    ['--image-paths=/a', 'image-path'],
    ['--leave-runing', 'leave-running'],
    ['--work-paht=/w', 'work-path'],
  ])('suggests the close name for %s', (flag, near) => {
    const problem = extraFlagProblem(old, 'checkpoint', flag, 7);
    expect(problem?.code).toBe('UNSUPPORTED_OPTION');
    expect(problem?.field).toBe('extraFlags.7');
    expect(problem?.message).toContain(`Did you mean --${near}?`);
  });

  it('suggests nothing when no name is close, and lists what this runsc supports', () => {
    const problem = extraFlagProblem(old, 'checkpoint', '--frobnicate', 0);
    expect(problem?.code).toBe('UNSUPPORTED_OPTION');
    expect(problem?.message).not.toContain('Did you mean');
    expect(problem?.message).toContain('0.0~20221219.0');
    expect(problem?.message).toContain('--image-path, --leave-running, --work-path');
  });

  it('names a current-only flag as unknown on 2022 (not as an own option)', () => {
    const problem = extraFlagProblem(old, 'checkpoint', '--save-restore-exec-argv=/x', 0);
    expect(problem?.code).toBe('UNSUPPORTED_OPTION');
    expect(problem?.message).toContain('has no --save-restore-exec-argv');
    expect(extraFlagProblem(current, 'checkpoint', '--save-restore-exec-argv=/x', 0)).toBeNull();
  });
});
