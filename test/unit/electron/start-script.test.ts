// scripts/start.mjs, piece by piece: which shell it picks and with which command line,
// how it runs the child and treats signals, and which Electron exits count as a failed
// start. The binary is a stand-in script in a temporary project, since the real one
// cannot be downloaded here; test/integration/start-electron.test.ts runs it whole.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decide, earlyFailure, EARLY_EXIT_MS, findElectron, ROOT, runChild, sandboxArgs } from '../../../scripts/start.mjs';

let root: string;

async function project({ binary = true, pathTxt = true, build = true } = {}) {
  const electronDir = path.join(root, 'node_modules', 'electron');
  await mkdir(path.join(electronDir, 'dist'), { recursive: true });
  await writeFile(path.join(root, 'package.json'), '{"name":"fixture","private":true,"main":"dist/electron/main.cjs"}');
  await writeFile(path.join(electronDir, 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  // Requiring this would try to download; start.mjs must never do it.
  await writeFile(path.join(electronDir, 'index.js'), 'throw new Error("tried to download Electron")');
  if (pathTxt) await writeFile(path.join(electronDir, 'path.txt'), 'electron');
  if (binary) {
    const fake = path.join(electronDir, 'dist', 'electron');
    // Records its argv and whether ELECTRON_RUN_AS_NODE leaked through, then exits 3.
    await writeFile(
      fake,
      `#!${process.execPath}\nrequire('fs').writeFileSync(process.env.RECORD, JSON.stringify({ argv: process.argv.slice(2), asNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\nprocess.exit(3);\n`,
    );
    await chmod(fake, 0o755);
  }
  // tsx, the headless shell's loader, as its package names its entry.
  await mkdir(path.join(root, 'node_modules', 'tsx', 'dist'), { recursive: true });
  await writeFile(path.join(root, 'node_modules', 'tsx', 'package.json'), '{"name":"tsx","type":"module","exports":{".":"./dist/loader.mjs"}}');
  await writeFile(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'), '');
  if (build) {
    await mkdir(path.join(root, 'dist', 'electron'), { recursive: true });
    await writeFile(path.join(root, 'dist', 'electron', 'main.cjs'), '');
  }
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'desk-start-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('start.mjs', () => {
  it('knows the real project root', () => {
    expect(ROOT).toBe(path.resolve(__dirname, '../../..'));
  });

  it('opens the window on the app folder when the binary, a display and the build are there', async () => {
    await project();
    const choice = decide(root, { DISPLAY: ':0' }, ['--data-dir', '/srv/desk'], 1000);
    expect(choice).toEqual({
      kind: 'electron',
      command: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      args: [root, '--data-dir', '/srv/desk'],
      reason: null,
      asRoot: false,
    });
    expect(decide(root, { WAYLAND_DISPLAY: 'wayland-0' }).kind).toBe('electron');
  });

  it('turns the sandbox off on the command line as root, and only then', async () => {
    await project();
    const choice = decide(root, { DISPLAY: ':0' }, ['--port', '0'], 0);
    expect(choice).toMatchObject({ kind: 'electron', args: ['--no-sandbox', root, '--port', '0'], asRoot: true });
    expect(sandboxArgs(0)).toEqual(['--no-sandbox']);
    expect(sandboxArgs(1000)).toEqual([]);
  });

  it('falls back to the headless shell, with the same args, when the binary was never downloaded', async () => {
    await project({ binary: false, pathTxt: false });
    const choice = decide(root, { DISPLAY: ':0' }, ['--port', '0']);
    expect(choice.kind).toBe('headless');
    expect(choice.reason).toBe("Electron's binary is not installed (fetch it with `npx install-electron --no`, then run npm start again)");
    // Node itself, tsx its loader: no tsx CLI between the terminal and the shell.
    expect(choice.command).toBe(process.execPath);
    expect(choice.args).toEqual(['--import', pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, path.join(root, 'electron', 'serve.ts'), '--port', '0']);
  });

  it('says the binary is missing when path.txt points at nothing', async () => {
    await project({ binary: false });
    expect(findElectron(root, {}).reason).toMatch(/node_modules\/electron\/dist\/electron is missing/);
  });

  it('says so when the electron package is absent altogether', () => {
    expect(findElectron(root, {})).toEqual({ reason: 'the electron package is not installed (run npm install)' });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    await project({ binary: false });
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    await writeFile(path.join(dist, 'electron'), '');
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({ path: path.join(dist, 'electron') });
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }).reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });

  it('needs a display', async () => {
    await project();
    const choice = decide(root, {});
    expect(choice.kind).toBe('headless');
    expect(choice.reason).toMatch(/no display/);
  });

  it('needs the desktop build', async () => {
    await project({ build: false });
    const choice = decide(root, { DISPLAY: ':0' });
    expect(choice.kind).toBe('headless');
    expect(choice.reason).toMatch(/npm run build/);
  });

  it('runs the binary with the args, passes its exit code back, and keeps ELECTRON_RUN_AS_NODE out', async () => {
    await project();
    const record = path.join(root, 'record.json');
    const choice = decide(root, { DISPLAY: ':0' }, ['--data-dir', '/srv/desk']);
    const env = { ...process.env, RECORD: record, ELECTRON_RUN_AS_NODE: '1' };
    await expect(runChild(choice.command, choice.args, env)).resolves.toMatchObject({ code: 3, signal: null, received: null });
    expect(JSON.parse(await readFile(record, 'utf8'))).toEqual({
      argv: [...sandboxArgs(), root, '--data-dir', '/srv/desk'],
      asNode: null,
    });
  });

  it('passes SIGTERM on to the child and stops listening afterwards', async () => {
    const before = process.listeners('SIGTERM');
    const ready = path.join(root, 'ready');
    const script = `process.on("SIGTERM", () => process.exit(42)); require("fs").writeFileSync(${JSON.stringify(ready)}, ""); setInterval(() => {}, 1000);`;
    const running = runChild(process.execPath, ['-e', script]);
    const forward = process.listeners('SIGTERM').find((listener) => !before.includes(listener));
    expect(forward).toBeTypeOf('function');
    // Once the child has its handler, deliver the signal as if we had received it.
    await vi.waitFor(() => expect(existsSync(ready)).toBe(true), { timeout: 5000 });
    (forward as (signal: NodeJS.Signals) => void)('SIGTERM');
    await expect(running).resolves.toMatchObject({ code: 42, signal: null, received: 'SIGTERM' });
    expect(process.listeners('SIGTERM')).toEqual(before);
  });

  it('holds SIGINT and SIGHUP, which the terminal gave the child already, without passing them on', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGHUP: process.listeners('SIGHUP'), SIGTERM: process.listeners('SIGTERM') };
    const ready = path.join(root, 'ready');
    const seen = path.join(root, 'seen');
    const script = `const fs = require("fs"); for (const s of ["SIGINT", "SIGHUP"]) process.on(s, () => fs.appendFileSync(${JSON.stringify(seen)}, s)); process.on("SIGTERM", () => process.exit(0)); fs.writeFileSync(${JSON.stringify(ready)}, ""); setInterval(() => {}, 1000);`;
    const running = runChild(process.execPath, ['-e', script]);
    const added = (signal: 'SIGINT' | 'SIGHUP' | 'SIGTERM') =>
      process.listeners(signal).find((listener) => !before[signal].includes(listener)) as (signal: NodeJS.Signals) => void;
    await vi.waitFor(() => expect(existsSync(ready)).toBe(true), { timeout: 5000 });
    added('SIGINT')('SIGINT');
    added('SIGHUP')('SIGHUP');
    added('SIGTERM')('SIGTERM');
    // The first signal is what counts: the child's exit was asked for, not a failure.
    await expect(running).resolves.toMatchObject({ code: 0, signal: null, received: 'SIGINT' });
    expect(existsSync(seen)).toBe(false);
    expect(process.listeners('SIGINT')).toEqual(before.SIGINT);
    expect(process.listeners('SIGHUP')).toEqual(before.SIGHUP);
  });

  it('rejects when the binary cannot be spawned, so start.mjs can fall back', async () => {
    await expect(runChild(path.join(root, 'no-such-electron'), [])).rejects.toThrow(/ENOENT/);
  });
});

describe('earlyFailure', () => {
  const run = (over: Record<string, unknown>) => ({ code: 1, signal: null, ms: 300, received: null, ...over });

  it('names a missing system library from the loader\'s exit status', () => {
    expect(earlyFailure(run({ code: 127 }))).toMatch(/^Electron could not start after 0\.3 s: a system library it needs is missing .*libnss3/);
  });

  it('describes any other early error or crash, with what to check', () => {
    expect(earlyFailure(run({ code: 1 }))).toMatch(/^Electron stopped after 0\.3 s \(exit code 1\) before the window could open; .*display.*--preserve-env=DISPLAY,XAUTHORITY/);
    expect(earlyFailure(run({ code: null, signal: 'SIGTRAP' }))).toMatch(/\(killed by SIGTRAP\)/);
  });

  it('is not a failure when it ended cleanly, late, on request, or by the Desk\'s own decision', () => {
    expect(earlyFailure(run({ code: 0 }))).toBeNull();
    expect(earlyFailure(run({ ms: EARLY_EXIT_MS }))).toBeNull();
    expect(earlyFailure(run({ code: null, signal: 'SIGINT', received: 'SIGINT' }))).toBeNull();
    expect(earlyFailure(run({ code: 2 }))).toBeNull();
    expect(earlyFailure(run({ code: 3 }))).toBeNull();
  });
});
