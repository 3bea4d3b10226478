// A normal (non-root) person for the tests that run the shell as one: the user, one
// sudoers line for the built helper only, and the headless shell started as them.
// Everything here is undone by the caller's afterAll, even when a test failed.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILT_HELPER = join(REPO, 'dist', 'electron', 'desk-helper.cjs');
export const SUDOERS_FILE = '/etc/sudoers.d/checkpoint-desk-test';

export interface NormalUser {
  name: string;
  uid: number;
  gid: number;
  /** Whether this run created it (and so must delete it). */
  created: boolean;
}

function idOf(name: string, flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

export function ensureUser(name: string): NormalUser {
  let created = false;
  if (idOf(name, '-u') === null) {
    execFileSync('useradd', ['--no-create-home', '--shell', '/bin/sh', name]);
    created = true;
  }
  return { name, uid: idOf(name, '-u')!, gid: idOf(name, '-g')!, created };
}

export function removeUser(user: NormalUser): void {
  if (user.created) execFileSync('userdel', [user.name], { stdio: 'ignore' });
}

/** Builds the helper into dist/electron, the path the sudoers line names. */
export function buildHelper(): string {
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build-electron.mjs'), '--helper-only'], { cwd: REPO, stdio: 'ignore', timeout: 120_000 });
  return BUILT_HELPER;
}

/** Writes the README's one line, checked by visudo first: a broken file would lock sudo out. */
export function installSudoers(line: string): void {
  const draft = join(mkdtempSync(join(tmpdir(), 'desk-sudoers-')), 'checkpoint-desk');
  writeFileSync(draft, `${line}\n`, { mode: 0o440 });
  execFileSync('visudo', ['-cf', draft], { stdio: 'pipe' });
  writeFileSync(SUDOERS_FILE, `${line}\n`, { mode: 0o440 });
  chmodSync(SUDOERS_FILE, 0o440);
  rmSync(draft, { force: true });
}

export function removeSudoers(): void {
  rmSync(SUDOERS_FILE, { force: true });
}

/** A fresh data dir that belongs to the user, as their own ~/.local/share would. */
export function userDataDir(user: NormalUser): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-nu-'));
  execFileSync('chown', [`${user.uid}:${user.gid}`, dir]);
  return join(dir, 'data');
}

export interface ServeAsUser {
  origin: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Stops the shell's whole process group, by its pid. */
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx electron/serve.ts` (as npm start does) as the user through
 * runuser, in its own process group so it can be stopped by pid. Resolves with the origin it printed, or rejects with
 * its output if it exited (or printed nothing) first.
 */
export function serveAsUser(user: NormalUser, args: string[], timeoutMs = 60_000): Promise<ServeAsUser> {
  const child = spawn('runuser', ['-u', user.name, '--', process.execPath, '--import', 'tsx', join(REPO, 'electron', 'serve.ts'), ...args], {
    cwd: REPO,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOME: tmpdir() },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    child.stdout!.on('data', () => {
      const match = /Checkpoint Desk: (http:\/\/[^/\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ origin: match[1]!, child, output: () => out, exited, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`serve exited (${code}) before it was ready:\n${out}`), { output: out, code }));
    });
  });
}

/** One DeskApi call over HTTP; answers the parsed JSON and the status. */
export async function apiCall<T = unknown>(origin: string, token: string, method: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw Object.assign(new Error(`${method}: ${res.status} ${JSON.stringify(json)}`), { status: res.status, body: json });
  return json;
}

/** Every path under dir (itself included) whose owner is not uid. */
export function notOwnedBy(dir: string, uid: number): string[] {
  if (!existsSync(dir)) return [];
  const out = execFileSync('find', [dir, '!', '-uid', String(uid), '-printf', '%u:%g %m %p\\n'], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}
