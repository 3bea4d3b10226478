// What `npm start` runs after the build: the desktop window where it can open, and
// otherwise the headless shell (electron/serve.ts), which prints its own URL.
// Electron's binary is found without require('electron'): since Electron 42 that
// require downloads the binary when it is missing, which fails slowly offline. The
// download belongs to `npm install` (scripts/postinstall.mjs) or to the person, told how.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electron's own words for fetching its binary by hand (node_modules/electron/index.js). */
export const FETCH_COMMAND = 'npx install-electron --no';

/** An Electron that ends sooner than this, with an error, never showed a usable window. */
export const EARLY_EXIT_MS = 4000;

/**
 * main.ts's own exits: 2 for arguments it refused, 3 for a Desk that could not start.
 * It has said why; the headless shell would stop the same way, so there is no fallback.
 */
export const DESK_EXIT_CODES = new Set([2, 3]);

export const ROOT_WARNING =
  "Checkpoint Desk: running as root (runsc needs it), so Chromium's process sandbox is off (--no-sandbox); the page stays isolated, without Node.";

/** Where Electron's binary is, or why there is none; never downloads anything. */
export function findElectron(root, env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // Electron's own override, resolved as its index.js does: the tests' stand-in, or a
  // binary unpacked by hand.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(binary) ? { path: binary } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(binary)}` };
  }
  const fetch = `fetch it with \`${FETCH_COMMAND}\`, then run npm start again`;
  if (!name) return { reason: `Electron's binary is not installed (${fetch})` };
  const binary = path.join(pkgDir, 'dist', name);
  return existsSync(binary)
    ? { path: binary }
    : { reason: `Electron's binary is not installed (${path.relative(root, binary)} is missing; ${fetch})` };
}

/** The bundle Electron loads from the app folder: package.json's `main`. */
export function appEntry(root) {
  try {
    const { main } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    return main ? path.join(root, main) : null;
  } catch {
    return null;
  }
}

/**
 * Chromium checks for root before any JavaScript runs and stops there unless the
 * sandbox is off on the command line, so app.commandLine.appendSwitch is too late.
 */
export function sandboxArgs(uid = process.getuid?.()) {
  return uid === 0 ? ['--no-sandbox'] : [];
}

/** Which shell to start, as a command line; `reason` says why it is not the window. */
export function decide(root, env = process.env, args = [], uid = process.getuid?.()) {
  const entry = appEntry(root);
  const electron = findElectron(root, env);
  let reason = null;
  if (!electron.path) reason = electron.reason;
  else if (!env.DISPLAY && !env.WAYLAND_DISPLAY) reason = 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  else if (!entry || !existsSync(entry)) reason = 'the desktop build is missing (run npm run build)';

  // The app folder, not the bundle: Electron then reads package.json, so the app is
  // named "Checkpoint Desk" (productName), with its own userData and single-instance lock.
  if (!reason) return { kind: 'electron', command: electron.path, args: [...sandboxArgs(uid), root, ...args], reason, asRoot: uid === 0 };
  return { ...headless(root, args), reason };
}

/**
 * The headless shell's command line; it takes the same options as the window. Node runs
 * it with tsx as its loader, not through tsx's CLI: that CLI stands between the terminal
 * and the shell, and SIGKILLs a child that has not told it of a Ctrl-C within ~30 ms (a
 * shell busy spawning runsc at start, or streaming a log), so the shell never closed its
 * jobs and its helper.
 */
export function headless(root, args = []) {
  return {
    kind: 'headless',
    command: process.execPath,
    args: ['--import', tsxLoader(root), path.join(root, 'electron', 'serve.ts'), ...args],
  };
}

/** tsx's loader, as the project installed it (its package's own entry). */
function tsxLoader(root) {
  return pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('tsx')).href;
}

// Signals. The child stays in our process group, as if the shell had started it. The
// terminal sends Ctrl-C (SIGINT) and its hang-up (SIGHUP) to the whole foreground group,
// so the child already has them; npm, which also gets them, may pass a copy to us. A
// second copy forwarded from here would be Electron's second signal, the one that kills
// it while 'before-quit' still waits for the service to close. So those two are only
// held (we stay to report how the child ends) and never forwarded, and a second Ctrl-C
// still reaches Electron from the terminal as a deliberate force-quit. SIGTERM never
// comes from the terminal: it is sent to our pid (kill, a supervisor), so it is passed on.
// Detaching the child into its own group instead would make forwarding exact, but a
// killed start.mjs would then leave a window or a server that no Ctrl-C can reach.
export const HELD_SIGNALS = ['SIGINT', 'SIGHUP'];
export const FORWARDED_SIGNALS = ['SIGTERM'];

/**
 * Runs a child with our terminal; resolves how it ended, after how long, and which
 * signal, if any, we received meanwhile (then its exit was asked for, not a failure).
 */
export function runChild(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    // Inherited from a parent tool, this variable would make Electron act as plain Node.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...childEnv } = env;
    const started = Date.now();
    let received = null;
    const child = spawn(command, args, { stdio: 'inherit', env: childEnv });
    const hold = (signal) => {
      received ??= signal;
    };
    const forward = (signal) => {
      received ??= signal;
      child.kill(signal);
    };
    for (const signal of HELD_SIGNALS) process.on(signal, hold);
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const done = () => {
      for (const signal of HELD_SIGNALS) process.off(signal, hold);
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ code, signal, ms: Date.now() - started, received });
    });
  });
}

/** Why an Electron run counts as a failed start, or null when it does not. */
export function earlyFailure({ code, signal, ms, received }, earlyMs = EARLY_EXIT_MS) {
  if (received || ms >= earlyMs) return null;
  if (signal === null && (code === 0 || DESK_EXIT_CODES.has(code))) return null;
  const after = `after ${(ms / 1000).toFixed(1)} s`;
  // The dynamic loader's own exit status when a shared library is missing.
  if (code === 127) {
    return `Electron could not start ${after}: a system library it needs is missing (its error above names it; on Debian or Ubuntu install e.g. libnss3 and libgbm1)`;
  }
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  return `Electron stopped ${after} (${how}) before the window could open; its output above says why: often a missing library such as libnss3 or libgbm, or no access to the display (under sudo, keep it with sudo --preserve-env=DISPLAY,XAUTHORITY,WAYLAND_DISPLAY,XDG_RUNTIME_DIR)`;
}

function exitLike({ code, signal }) {
  if (signal) {
    // Die of the same signal, so whoever started us sees what really happened.
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}

async function startHeadless(root, args, reason) {
  console.log(`Checkpoint Desk: no window: ${reason}; starting the headless shell instead.`);
  const shell = headless(root, args);
  exitLike(await runChild(shell.command, shell.args));
}

async function main() {
  const args = process.argv.slice(2);
  const choice = decide(ROOT, process.env, args);
  if (choice.kind === 'headless') return startHeadless(ROOT, args, choice.reason);
  if (choice.asRoot) console.warn(ROOT_WARNING);
  let result;
  try {
    result = await runChild(choice.command, choice.args);
  } catch (error) {
    return startHeadless(ROOT, args, `Electron could not be started (${error.message})`);
  }
  const failure = earlyFailure(result);
  if (failure) return startHeadless(ROOT, args, failure);
  exitLike(result);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`Checkpoint Desk: ${error.message}`);
    process.exit(1);
  });
}
