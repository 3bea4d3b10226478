// The stale helper is found by its pid file and its /proc cmdline, never by name.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmdlineOf, endStaleHelper, isHelperFor, pidFilePath, removePidFile, writePidFile } from '../../../electron/helper/pid-file';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A process whose cmdline looks like a helper for dataDir (or not), that ignores nothing. */
function lookalike(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
  started.push(child);
  return child;
}

const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

describe('the helper pid file', () => {
  it('knows a helper for this data dir by its argv', () => {
    expect(isHelperFor(['node', '/opt/d/desk-helper.cjs', '--data-dir', '/home/a/d', '--privilege', 'sudo'], '/home/a/d')).toBe(true);
    expect(isHelperFor(['node', '/opt/d/desk-helper.cjs', '--data-dir=/home/a/d'], '/home/a/d')).toBe(true);
    expect(isHelperFor(['node', '/opt/d/desk-helper.cjs', '--data-dir', '/home/b/d'], '/home/a/d')).toBe(false);
    expect(isHelperFor(['vim', '--data-dir', '/home/a/d'], '/home/a/d')).toBe(false);
    expect(isHelperFor(['node', '/opt/d/not-desk-helper.cjs.bak', '--data-dir', '/home/a/d'], '/home/a/d')).toBe(false);
  });

  it('ends the helper left from a crash, named by the pid file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-pid-'));
    const stale = lookalike(['/opt/d/desk-helper.cjs', '--data-dir', dataDir]);
    await new Promise((r) => setTimeout(r, 200));
    expect(cmdlineOf(stale.pid!)).toContain('/opt/d/desk-helper.cjs');
    await writePidFile(dataDir, undefined, stale.pid!);
    await expect(endStaleHelper(dataDir, { graceMs: 2000 })).resolves.toBe(stale.pid);
    await exited(stale);
    expect(stale.signalCode).toBe('SIGTERM');
  });

  it('leaves alone a live process that is not a helper for this data dir, whatever the pid file says', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-pid-'));
    const other = lookalike(['/opt/d/desk-helper.cjs', '--data-dir', '/somewhere/else']);
    const unrelated = lookalike([]);
    await new Promise((r) => setTimeout(r, 200));
    for (const child of [other, unrelated]) {
      writeFileSync(pidFilePath(dataDir), `${child.pid}\n`);
      await expect(endStaleHelper(dataDir, { graceMs: 200 })).resolves.toBeNull();
      expect(child.exitCode).toBeNull();
      expect(() => process.kill(child.pid!, 0)).not.toThrow();
    }
    writeFileSync(pidFilePath(dataDir), 'garbage');
    await expect(endStaleHelper(dataDir)).resolves.toBeNull();
  });

  it('removes the pid file only while it still names this process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-pid-'));
    await writePidFile(dataDir, undefined, 12345);
    await removePidFile(dataDir, 999);
    expect(existsSync(pidFilePath(dataDir))).toBe(true);
    await removePidFile(dataDir, 12345);
    expect(existsSync(pidFilePath(dataDir))).toBe(false);
  });
});
