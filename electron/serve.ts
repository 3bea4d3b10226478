// The headless shell: the same UI and DeskApi on localhost, for servers with no
// display (reached over an SSH tunnel) and for tests in a real browser.
//   npm run serve -- --port N --token T --data-dir D [--host H] [--runsc PATH] [--privilege MODE]
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDesktopArgs, valueOf } from './cli-args';
import { openDesk } from './helper/open-desk';
import { startHttpShell } from './http/server';
import { randomToken } from './http/token';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(argv: string[]): Promise<void> {
  const desktop = parseDesktopArgs(argv);
  const port = Number(valueOf(argv, 'port') ?? 7341);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (got "${valueOf(argv, 'port')}").`);
  const host = valueOf(argv, 'host') ?? '127.0.0.1';
  const token = valueOf(argv, 'token') ?? randomToken();
  if (!LOOPBACK.has(host)) {
    console.warn(`Checkpoint Desk: warning: listening on ${host}, beyond this machine. Anyone who can reach it and has the token can run runsc as this user.`);
  }
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.warn('Checkpoint Desk: the UI is not built (dist/renderer is missing); run `npm run build:renderer`. The API works without it.');
  }
  // As a person, the service runs in the privileged helper (sudo/pkexec); as root, here.
  const desk = await openDesk({ ...desktop, helperPath: builtHelper() });
  const shell = await startHttpShell(desk, {
    host,
    port,
    token,
    staticDir,
    log: process.env.DESK_LOG_REQUESTS ? (line) => console.log(line) : undefined,
  });
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await shell.close();
      await desk.close();
      process.exit(0);
    })();
  };
  // `on`, not `once`: while a child runs, execa's exit hook also listens, and once ours
  // was gone it found itself alone, re-raised the signal and killed us mid-close.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed once a Ctrl-C is ours to handle: whoever reads the URL may stop us at once.
  console.log(`Checkpoint Desk: ${shell.origin}/#token=${token}`);
}

/** The bundled helper, the fixed path sudoers or polkit names; `npm run build:electron` writes it. */
function builtHelper(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'electron', 'desk-helper.cjs');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`Checkpoint Desk: ${(error as Error).message}`);
  process.exit(1);
});
