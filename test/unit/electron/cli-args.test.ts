import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultDataDir, parseDesktopArgs } from '../../../electron/cli-args';
import { allowRunningAsRoot } from '../../../electron/run-as-root';

const env = { XDG_DATA_HOME: '/home/ada/.data' };

describe('defaultDataDir', () => {
  it('uses $XDG_DATA_HOME', () => {
    expect(defaultDataDir(env, '/home/ada')).toBe('/home/ada/.data/checkpoint-desk');
  });

  it('falls back to ~/.local/share, also for a relative XDG_DATA_HOME', () => {
    expect(defaultDataDir({}, '/home/ada')).toBe('/home/ada/.local/share/checkpoint-desk');
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel' }, '/home/ada')).toBe('/home/ada/.local/share/checkpoint-desk');
  });
});

describe('parseDesktopArgs', () => {
  it('defaults to the XDG data dir', () => {
    expect(parseDesktopArgs(['/usr/bin/electron', 'dist/electron/main.cjs'], env, '/cwd')).toEqual({
      dataDir: '/home/ada/.data/checkpoint-desk',
    });
  });

  it('reads --data-dir in both spellings, resolving it against the cwd', () => {
    expect(parseDesktopArgs(['--data-dir', '/srv/desk'], env, '/cwd').dataDir).toBe('/srv/desk');
    expect(parseDesktopArgs(['--data-dir=desk'], env, '/cwd').dataDir).toBe(path.resolve('/cwd', 'desk'));
  });

  it('reads --runsc and --privilege', () => {
    expect(parseDesktopArgs(['--runsc=/usr/local/bin/runsc', '--privilege', 'sudo'], env, '/cwd')).toMatchObject({
      runscPath: '/usr/local/bin/runsc',
      privilege: 'sudo',
    });
  });

  it('leaves Chromium switches alone', () => {
    expect(parseDesktopArgs(['--no-sandbox', '--enable-logging', '--runsc-debug'], env, '/cwd')).toEqual({
      dataDir: '/home/ada/.data/checkpoint-desk',
    });
  });

  it('refuses a bad --privilege and a missing value', () => {
    expect(() => parseDesktopArgs(['--privilege=doas'], env, '/cwd')).toThrow(/--privilege must be one of/);
    expect(() => parseDesktopArgs(['--data-dir'], env, '/cwd')).toThrow(/needs a value/);
    expect(() => parseDesktopArgs(['--data-dir', '--runsc=/x'], env, '/cwd')).toThrow(/needs a value/);
  });
});

describe('allowRunningAsRoot', () => {
  it('switches the sandbox off only for root, and says so', () => {
    const commandLine = { appendSwitch: vi.fn() };
    const log = vi.fn();
    expect(allowRunningAsRoot(commandLine, 1000, log)).toBe(false);
    expect(commandLine.appendSwitch).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();

    expect(allowRunningAsRoot(commandLine, 0, log)).toBe(true);
    expect(commandLine.appendSwitch).toHaveBeenCalledWith('no-sandbox');
    expect(log).toHaveBeenCalledTimes(1);
  });
});
