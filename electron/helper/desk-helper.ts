// The Desk's privileged helper: the one process that runs as root. The shell (Electron
// or the headless one) runs as the person and starts this file through `sudo -n` or
// `pkexec`, then speaks the DeskApi with it over stdin/stdout (see protocol.ts).
//   desk-helper.cjs --data-dir D --privilege sudo|pkexec [--runsc PATH]
// It lives and dies with its shell: stdin closing (the shell exited, however it died)
// ends it. stdout carries protocol lines only; every log goes to stderr.
import { DESK_EVENTS, type DeskEventName } from '../../shared/api';
import { DeskError } from '../../shared/errors';
import { parseDesktopArgs, valueOf } from '../cli-args';
import { createDesk, dispatch, type DeskService } from '../desk/index';
import { helperView } from './helper-view';
import { mkdirOwned, ownerFromEnv } from './owner';
import { endStaleHelper, removePidFile, writePidFile } from './pid-file';
import { encode, LineSplitter, MAX_REQUEST_LINE, parseShellMessage, type HelperMessage } from './protocol';

/** How long a helper whose shell is gone waits for running jobs before it exits anyway. */
const CLOSE_GRACE_MS = 5000;

// Keep stdout for the protocol: whatever else writes to it (a console.log anywhere in
// the service or a dependency) goes to stderr instead.
const writeOut = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
console.log = console.info = console.debug = console.error;

// The shell may be gone (that is often why we are closing): a broken stderr must not crash the close.
process.stderr.on('error', () => {});
const log = (line: string) => process.stderr.write(`desk-helper[${process.pid}]: ${line}\n`);
const send = (message: HelperMessage): void => void writeOut(encode(message));

/**
 * The person's ssh agent: sudo and pkexec reset the environment, so the shell passes its
 * SSH_AUTH_SOCK as an argument. Only ssh uses it, and ssh runs as the person, so it can
 * reach no socket the person could not.
 */
function sshAuthSock(argv: string[]): { sshAuthSock?: string } {
  const sock = valueOf(argv, 'ssh-auth-sock');
  return sock && sock.startsWith('/') ? { sshAuthSock: sock } : {};
}

async function main(argv: string[]): Promise<void> {
  const args = parseDesktopArgs(argv);
  const mode = args.privilege ?? 'sudo';
  const owner = ownerFromEnv();
  await mkdirOwned(args.dataDir, owner);
  await endStaleHelper(args.dataDir, { log });
  await writePidFile(args.dataDir, owner);

  // Root drives runsc directly; `owner` hands what the service writes to the person.
  const desk = await createDesk({
    dataDir: args.dataDir,
    privilege: 'none',
    ...(args.runscPath ? { runscPath: args.runscPath } : {}),
    ...(owner ? { owner: { ...owner, ...sshAuthSock(argv) } } : {}),
  });
  const handlers = helperView(desk, { mode, owner });
  const subscriptions = new Map<DeskEventName, () => void>();

  let closing: Promise<void> | null = null;
  const shutdown = (why: string) => {
    closing ??= (async () => {
      log(`${why}; closing`);
      for (const off of subscriptions.values()) off();
      await Promise.race([desk.close(), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS))]);
      await removePidFile(args.dataDir);
      process.exit(0);
    })();
  };

  const lines = new LineSplitter(
    (line) => void handle(line),
    MAX_REQUEST_LINE,
    () => send({ id: null, ok: false, error: new DeskError('PAYLOAD_TOO_LARGE', 'A request line over 8 MiB was dropped.').toJSON() }),
  );
  process.stdin.on('data', (chunk: Buffer) => lines.push(chunk));
  process.stdin.on('end', () => shutdown('the shell closed stdin'));
  process.stdin.on('error', () => shutdown('stdin failed'));
  process.stdout.on('error', () => shutdown('stdout is gone'));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));

  async function handle(line: string): Promise<void> {
    const message = parseShellMessage(line);
    if (!message) {
      send({ id: null, ok: false, error: new DeskError('INVALID_INPUT', 'Not a message of the helper protocol: one JSON object with a numeric id per line.').toJSON() });
      return;
    }
    if ('subscribe' in message) {
      subscribe(desk, message.subscribe);
      send({ id: message.id, ok: true, result: null });
      return;
    }
    if ('unsubscribe' in message) {
      subscriptions.get(message.unsubscribe)?.();
      subscriptions.delete(message.unsubscribe);
      send({ id: message.id, ok: true, result: null });
      return;
    }
    try {
      const result = await dispatch(handlers, message.method, message.payload);
      send({ id: message.id, ok: true, result: result ?? null });
    } catch (error) {
      send({ id: message.id, ok: false, error: DeskError.from(error).toJSON() });
    }
  }

  function subscribe(source: DeskService, event: DeskEventName): void {
    if (subscriptions.has(event)) return;
    subscriptions.set(event, source.on(event, (payload) => send({ event, payload })));
  }

  send({ ready: { pid: process.pid } });
  log(`ready (data dir ${args.dataDir}, ${owner ? `files for uid ${owner.uid}` : 'no owner to hand files to'}, events: ${DESK_EVENTS.length})`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  log(`cannot start: ${(error as Error).message}`);
  process.exit(1);
});
