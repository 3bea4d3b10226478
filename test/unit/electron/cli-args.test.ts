import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseDesktopArgs } from '../../../electron/cli-args';

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
