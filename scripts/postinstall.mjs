// npm install's last step: fetch Electron's binary. Since Electron 42 the electron
// package has no install script and fetches the binary only when first required, which
// start.mjs avoids; so without this step nobody ever gets the window. It never fails the
// install: offline, behind a proxy or on a Node too old for Electron's tooling, one line
// says so, and npm start says again how to fetch it while it runs the headless shell.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Long enough for a slow link to bring ~100 MB; offline it fails in a fraction of a second. */
export const FETCH_TIMEOUT_MS = 300_000;

const RETRY = 'npm start will use the headless shell until `npx install-electron --no` succeeds';

/** Electron's own fetcher (its `install-electron` bin), or null when electron is not installed. */
export function electronInstaller(root) {
  try {
    return path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}

/** Fetches the binary where it can; returns the one line to print. Never throws. */
export function fetchElectron(root = ROOT, env = process.env, run = spawnSync, timeoutMs = FETCH_TIMEOUT_MS) {
  // Electron's own switch, kept by CI and by anyone who brings their own binary.
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return "Checkpoint Desk: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron's binary was not fetched.";
  const installer = electronInstaller(root);
  // `npm install --omit=dev` leaves Electron out: the headless shell is all there is.
  if (!installer) return 'Checkpoint Desk: the electron package is not installed (dev dependencies omitted); only the headless shell will run.';
  const result = run(process.execPath, [installer], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  if (result.status === 0) return "Checkpoint Desk: Electron's binary is installed.";
  let why;
  if (result.error?.code === 'ETIMEDOUT') why = `no answer within ${timeoutMs / 1000} s`;
  else if (result.error) why = result.error.message;
  else why = firstLine(result.stderr) ?? (result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`);
  return `Checkpoint Desk: Electron's binary could not be fetched (${why}); ${RETRY}.`;
}

function firstLine(text) {
  const line = String(text ?? '')
    .split('\n')
    .map((part) => part.trim())
    .find(Boolean);
  return line ?? null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    console.log(fetchElectron());
  } catch (error) {
    console.log(`Checkpoint Desk: fetching Electron's binary failed (${error?.message ?? error}); ${RETRY}.`);
  }
  process.exit(0);
}
