// A stand-in for Electron's binary, for tests that drive scripts/start.mjs end to end
// where no real binary can be downloaded. It behaves as Electron does in the ways
// start.mjs depends on:
//  - as root without --no-sandbox (or ELECTRON_DISABLE_SANDBOX) it dies before any app
//    code, as Chromium's check in electron_main_delegate.cc does;
//  - the first non-switch argument is the app: a folder's package.json gives the name
//    (productName, else name) and the entry (main); a bare file leaves it "Electron";
//  - the first SIGINT, SIGTERM or SIGHUP starts one graceful shutdown and restores the
//    default action for all three, so a second one kills it.
// It appends one JSON object per line to $STANDIN_RECORD: `start` (argv, env, app),
// `signal` for each signal seen, and `exit`. STANDIN_MODE=crash makes it fail at once
// with STANDIN_EXIT_CODE (default 127), as a missing shared library does.
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const record = (entry) => {
  if (process.env.STANDIN_RECORD) appendFileSync(process.env.STANDIN_RECORD, `${JSON.stringify(entry)}\n`);
};
const argv = process.argv.slice(2);

if (process.env.STANDIN_MODE === 'crash') {
  console.error('electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory');
  record({ event: 'crash' });
  process.exit(Number(process.env.STANDIN_EXIT_CODE ?? 127));
}

if (process.getuid?.() === 0 && !argv.includes('--no-sandbox') && !process.env.ELECTRON_DISABLE_SANDBOX) {
  console.error('[FATAL:electron_main_delegate.cc] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.');
  record({ event: 'crash', why: 'root without --no-sandbox' });
  process.kill(process.pid, 'SIGTRAP');
}

/** What Electron would load and call itself, from the first non-switch argument. */
function app(target) {
  if (!target) return { name: 'Electron', entry: null };
  const full = path.resolve(target);
  if (existsSync(full) && statSync(full).isDirectory()) {
    const pkg = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8'));
    return { name: pkg.productName || pkg.name, entry: path.join(full, pkg.main || 'index.js') };
  }
  return { name: 'Electron', entry: full };
}

const SHUTDOWN = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const shutdownMs = Number(process.env.STANDIN_SHUTDOWN_MS ?? 300);
const keepAlive = setInterval(() => {}, 1000);

function shutdown(signal) {
  record({ event: 'signal', signal });
  // Electron's handler runs once: from here on a shutdown signal has its default action.
  for (const name of SHUTDOWN) process.removeAllListeners(name);
  // The graceful part: 'before-quit' waiting for the service to close.
  setTimeout(() => {
    clearInterval(keepAlive);
    record({ event: 'exit', code: 0 });
    process.exit(0);
  }, shutdownMs);
}
for (const name of SHUTDOWN) process.on(name, shutdown);

// Written last, so a test that waits for it knows the handlers are in place.
record({
  event: 'start',
  pid: process.pid,
  argv,
  app: app(argv.find((arg) => !arg.startsWith('-'))),
  env: { ...process.env },
});
