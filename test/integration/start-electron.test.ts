// scripts/start.mjs end to end, as `npm start` runs it after the build: in a fixture
// project (a copy of start.mjs and package.json, an electron package with no binary),
// against test/support/electron-standin.mjs through Electron's own
// ELECTRON_OVERRIDE_DIST_PATH. start.mjs runs in its own process group, as it would in
// a terminal's foreground, and Ctrl-C is one SIGINT sent to that whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const STANDIN = path.join(REPO, 'test/support/electron-standin.mjs');
const AS_ROOT = process.getuid?.() === 0;

interface Entry {
  event: 'start' | 'signal' | 'exit' | 'crash';
  argv?: string[];
  app?: { name: string; entry: string | null };
  env?: Record<string, string>;
  signal?: string;
  code?: number;
}

let fixture: string;
let dist: string;
let record: string;
let running: Array<ChildProcess & { pid: number }> = [];

beforeEach(async () => {
  fixture = await mkdtemp(path.join(os.tmpdir(), 'desk-start-e2e-'));
  await mkdir(path.join(fixture, 'scripts'));
  await copyFile(path.join(REPO, 'scripts/start.mjs'), path.join(fixture, 'scripts/start.mjs'));
  await copyFile(path.join(REPO, 'package.json'), path.join(fixture, 'package.json'));
  // The bundle package.json's `main` names; Electron is a stand-in, so it stays empty.
  await mkdir(path.join(fixture, 'dist/electron'), { recursive: true });
  await writeFile(path.join(fixture, 'dist/electron/main.cjs'), '');
  // The headless shell is the real one, reached through the fixture's paths.
  await symlink(path.join(REPO, 'electron'), path.join(fixture, 'electron'));
  await mkdir(path.join(fixture, 'node_modules/.bin'), { recursive: true });
  await symlink(realpathSync(path.join(REPO, 'node_modules/.bin/tsx')), path.join(fixture, 'node_modules/.bin/tsx'));
  await symlink(path.join(REPO, 'node_modules/tsx'), path.join(fixture, 'node_modules/tsx'));
  // Electron's package as `npm ci` leaves it since Electron 42: no path.txt, no dist/.
  // Requiring it would download the binary; start.mjs must not.
  await mkdir(path.join(fixture, 'node_modules/electron'));
  await writeFile(path.join(fixture, 'node_modules/electron/package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  await writeFile(path.join(fixture, 'node_modules/electron/index.js'), 'throw new Error("tried to download Electron")');
  // ELECTRON_OVERRIDE_DIST_PATH/electron: exec keeps the pid, so signals reach the stand-in.
  dist = path.join(fixture, 'standin-dist');
  await mkdir(dist);
  await writeFile(path.join(dist, 'electron'), `#!/bin/sh\nexec "${process.execPath}" "${STANDIN}" "$@"\n`);
  await chmod(path.join(dist, 'electron'), 0o755);
  record = path.join(fixture, 'record.jsonl');
});

afterEach(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  running = [];
  await rm(fixture, { recursive: true, force: true });
});

function entries(): Entry[] {
  if (!existsSync(record)) return [];
  return readFileSync(record, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
}

/** Starts start.mjs as its own process group leader, with the stand-in unless told otherwise. */
function start(env: Record<string, string | undefined>, args: string[] = []) {
  const base = { ...process.env };
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(process.execPath, [path.join(fixture, 'scripts/start.mjs'), ...args], {
    cwd: fixture,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...base, DISPLAY: ':99', STANDIN_RECORD: record, ...env },
  }) as ChildProcess & { pid: number };
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, out: () => out, err: () => err };
}

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 50 });
const started = () => waitFor(() => expect(entries().some((e) => e.event === 'start')).toBe(true));
/** Waits for the headless shell's URL; fails at once, with what was said, if start.mjs ends first. */
function headlessUrl(desk: ReturnType<typeof start>) {
  const said = () => `stdout: ${desk.out()}\nstderr: ${desk.err()}`;
  const printed = waitFor(() => expect(desk.out(), said()).toMatch(/Checkpoint Desk: http:\/\/127\.0\.0\.1:\d+\/#token=/));
  const ended = desk.exited.then((how) => Promise.reject(new Error(`start.mjs ended (${JSON.stringify(how)}) before the URL; ${said()}`)));
  return Promise.race([printed, ended]);
}

describe('npm start against a stand-in Electron', () => {
  it('launches the app folder, named by package.json, with --no-sandbox exactly when root', async () => {
    const desk = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' }, ['--data-dir', '/srv/desk']);
    await started();
    const [first] = entries();
    expect(first!.argv).toEqual([...(AS_ROOT ? ['--no-sandbox'] : []), fixture, '--data-dir', '/srv/desk']);
    expect(first!.app).toEqual({ name: 'Checkpoint Desk', entry: path.join(fixture, 'dist/electron/main.cjs') });
    // Inherited, this would make Electron run as plain Node.
    expect(first!.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(desk.err().includes('--no-sandbox')).toBe(AS_ROOT);
    process.kill(-desk.child.pid, 'SIGINT');
    await expect(desk.exited).resolves.toEqual({ code: 0, signal: null });
  });

  it('one Ctrl-C to the process group is one SIGINT for Electron, which closes cleanly', async () => {
    const desk = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, STANDIN_SHUTDOWN_MS: '800' });
    await started();
    process.kill(-desk.child.pid, 'SIGINT');
    await expect(desk.exited).resolves.toEqual({ code: 0, signal: null });
    expect(entries().map((e) => e.event)).toEqual(['start', 'signal', 'exit']);
    expect(entries().filter((e) => e.event === 'signal').map((e) => e.signal)).toEqual(['SIGINT']);
    expect(desk.out()).not.toContain('headless');
  });

  it('passes SIGTERM sent to start.mjs alone on to Electron, once', async () => {
    const desk = start({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    await started();
    process.kill(desk.child.pid, 'SIGTERM');
    await expect(desk.exited).resolves.toEqual({ code: 0, signal: null });
    expect(entries().filter((e) => e.event === 'signal').map((e) => e.signal)).toEqual(['SIGTERM']);
  });

  it('a second Ctrl-C still forces Electron out, and start.mjs ends the same way, without a fallback', async () => {
    const desk = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, STANDIN_SHUTDOWN_MS: '20000' });
    await started();
    process.kill(-desk.child.pid, 'SIGINT');
    await waitFor(() => expect(entries().some((e) => e.event === 'signal')).toBe(true));
    process.kill(-desk.child.pid, 'SIGINT');
    await expect(desk.exited).resolves.toEqual({ code: null, signal: 'SIGINT' });
    expect(entries().map((e) => e.event)).toEqual(['start', 'signal']);
    expect(desk.out()).not.toContain('headless');
  });

  it('an Electron that dies at once gets a message saying why, then the headless shell', async () => {
    const data = path.join(fixture, 'data');
    const desk = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, STANDIN_MODE: 'crash' }, ['--data-dir', data, '--port', '0']);
    await headlessUrl(desk);
    expect(entries().map((e) => e.event)).toEqual(['crash']);
    expect(desk.out()).toMatch(
      /^Checkpoint Desk: no window: Electron could not start after \d+\.\d s: a system library it needs is missing .*libnss3.*; starting the headless shell instead\.$/m,
    );
    expect(desk.err()).toContain('libnss3.so: cannot open shared object file');
    process.kill(-desk.child.pid, 'SIGINT');
    await expect(desk.exited).resolves.toEqual({ code: 0, signal: null });
  });

  it('without a binary: one line saying how to fetch it, then the headless shell', async () => {
    const data = path.join(fixture, 'data');
    const desk = start({}, ['--data-dir', data, '--port', '0']);
    await headlessUrl(desk);
    const said = desk.out().split('\n').filter((line) => line.includes('no window'));
    expect(said).toEqual([
      "Checkpoint Desk: no window: Electron's binary is not installed (fetch it with `npx install-electron --no`, then run npm start again); starting the headless shell instead.",
    ]);
    expect(entries()).toEqual([]);
    process.kill(-desk.child.pid, 'SIGINT');
    await expect(desk.exited).resolves.toEqual({ code: 0, signal: null });
  });
});
