// One helper per data dir. A helper left from a crash (its shell gone, its stdin never
// closed) is found by the pid file it wrote, checked to really be a Desk helper for
// this data dir by its /proc cmdline, and ended. Never by process name.
import { readFileSync } from 'node:fs';
import { chown, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Owner } from './owner';

export const PID_FILE = 'desk-helper.pid';
export const HELPER_FILE = 'desk-helper.cjs';

export function pidFilePath(dataDir: string): string {
  return join(dataDir, PID_FILE);
}

/** The argv of a live process, or null when it is gone (or not ours to read). */
export function cmdlineOf(pid: number, procRoot = '/proc'): string[] | null {
  try {
    return readFileSync(join(procRoot, String(pid), 'cmdline'), 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** Whether an argv is a Desk helper serving this data dir: `node …/desk-helper.cjs --data-dir D …`. */
export function isHelperFor(argv: readonly string[], dataDir: string): boolean {
  const script = argv.findIndex((arg) => basename(arg) === HELPER_FILE);
  if (script < 0) return false;
  const rest = argv.slice(script + 1);
  return rest.some((arg, i) => (arg === '--data-dir' && rest[i + 1] === dataDir) || arg === `--data-dir=${dataDir}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends the helper named in the pid file, if it is still alive and really is one for
 * this data dir. Returns its pid when it ended one. SIGTERM first so it can close the
 * service; SIGKILL if it has not gone after `graceMs`.
 */
export async function endStaleHelper(
  dataDir: string,
  options: { self?: number; graceMs?: number; procRoot?: string; log?: (line: string) => void } = {},
): Promise<number | null> {
  const { self = process.pid, graceMs = 5000, procRoot = '/proc', log = () => {} } = options;
  let pid: number;
  try {
    pid = Number((await readFile(pidFilePath(dataDir), 'utf8')).trim());
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(pid) || pid <= 1 || pid === self) return null;
  const argv = cmdlineOf(pid, procRoot);
  if (!argv || !isHelperFor(argv, dataDir)) return null;
  log(`ending the helper left from an earlier run (pid ${pid})`);
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!stillHelper(pid, dataDir, procRoot)) return pid;
    await sleep(100);
  }
  signal(pid, 'SIGKILL');
  while (stillHelper(pid, dataDir, procRoot)) await sleep(50);
  return pid;
}

function stillHelper(pid: number, dataDir: string, procRoot: string): boolean {
  const argv = cmdlineOf(pid, procRoot);
  return argv !== null && isHelperFor(argv, dataDir);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

export async function writePidFile(dataDir: string, owner: Owner | undefined, pid = process.pid): Promise<void> {
  const file = pidFilePath(dataDir);
  await writeFile(file, `${pid}\n`, { mode: 0o644 });
  if (owner) await chown(file, owner.uid, owner.gid);
}

/** Removes the pid file only if it still names this process (a newer helper may own it). */
export async function removePidFile(dataDir: string, pid = process.pid): Promise<void> {
  try {
    if (Number((await readFile(pidFilePath(dataDir), 'utf8')).trim()) === pid) await rm(pidFilePath(dataDir), { force: true });
  } catch {
    // Nothing to remove.
  }
}
