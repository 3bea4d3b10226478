// What `npm start` runs after the build: the desktop window where it can open, and
// otherwise the headless shell (electron/serve.ts), which prints its own URL.
// Electron's binary is found without require('electron'): that require tries to
// download the binary when it is missing, which fails slowly on offline machines.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where Electron's binary is, or why there is none; never downloads anything. */
export function findElectron(root, env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { reason: "the electron package is not installed" };
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // Electron's own override, for a binary unpacked by hand.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(binary) ? { path: binary } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path.basename(binary)}` };
  }
  if (!name) return { reason: "Electron's binary is not installed (its download did not run or failed)" };
  const binary = path.join(pkgDir, 'dist', name);
  return existsSync(binary) ? { path: binary } : { reason: `Electron's binary is not installed (${path.relative(root, binary)} is missing)` };
}

/** Which shell to start, as a command line; `reason` says why it is not the window. */
export function decide(root, env = process.env, args = []) {
  const main = path.join(root, 'dist', 'electron', 'main.cjs');
  const electron = findElectron(root, env);
  let reason = null;
  if (!electron.path) reason = electron.reason;
  else if (!env.DISPLAY && !env.WAYLAND_DISPLAY) reason = 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  else if (!existsSync(main)) reason = 'the desktop build is missing (run npm run build)';

  if (!reason) return { kind: 'electron', command: electron.path, args: [main, ...args], reason };
  return { ...headless(root, args), reason };
}

/** The headless shell's command line; it takes the same options as the window. */
export function headless(root, args = []) {
  return {
    kind: 'headless',
    command: path.join(root, 'node_modules', '.bin', 'tsx'),
    args: [path.join(root, 'electron', 'serve.ts'), ...args],
  };
}

/** Runs a child with our terminal, passing on Ctrl-C and SIGTERM; resolves its exit. */
export function runChild(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    // Inherited from a parent tool, this variable would make Electron act as plain Node.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...childEnv } = env;
    const child = spawn(command, args, { stdio: 'inherit', env: childEnv });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    const done = () => signals.forEach((signal) => process.off(signal, forward));
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ code, signal });
    });
  });
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
  console.log(`Checkpoint Desk: ${reason}; starting the headless shell instead.`);
  const shell = headless(root, args);
  exitLike(await runChild(shell.command, shell.args));
}

async function main() {
  const args = process.argv.slice(2);
  const choice = decide(ROOT, process.env, args);
  if (choice.kind === 'headless') return startHeadless(ROOT, args, choice.reason);
  try {
    exitLike(await runChild(choice.command, choice.args));
  } catch (error) {
    await startHeadless(ROOT, args, `Electron could not be started (${error.message})`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`Checkpoint Desk: ${error.message}`);
    process.exit(1);
  });
}
