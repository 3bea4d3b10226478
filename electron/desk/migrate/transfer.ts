// Copies a folder from one host to another as one tar stream: `tar -c` on the source,
// `tar -x` on the target, each over its own ssh connection, the bytes passing through
// this process (where they are counted and each file hashed). On arrival the target
// hashes what it wrote; a file that differs fails the transfer. Only POSIX sh, tar and
// coreutils' sha256sum are asked of either host.
import { Transform } from 'node:stream';
import { DeskError } from '../../../shared/errors';
import type { Host, PipeExit } from '../host/host';
import { TarHasher, type TarFileHash } from './tar-hash';

/** $1 the folder: its contents as a tar stream on stdout. */
const TAR_OUT = 'cd -- "$1" || exit 1\nexec tar -cf - .';
/** $1 the folder (made, and empty): the tar stream on stdin unpacked into it. */
const TAR_IN = 'umask 077\nmkdir -p -- "$1" || exit 1\ncd -- "$1" || exit 1\nexec tar -xf - --no-same-owner';
/** $1 the folder, then the files: `<sha256>  <name>` per file. */
const SHA256 = 'cd -- "$1" || exit 1\nshift\nexec sha256sum -- "$@"';

export interface TransferProgress {
  bytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  files: number;
}

export interface TransferRequest {
  from: Host;
  fromDir: string;
  to: Host;
  /** Must not exist yet: the caller removes it on failure. */
  toDir: string;
  signal: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** Check each file's sha256 on the target (default true). */
  verify?: boolean;
}

export interface TransferResult {
  bytes: number;
  files: TarFileHash[];
  durationMs: number;
  /** The stream alone, before the check on arrival. */
  streamMs: number;
}

const PROGRESS_EVERY_MS = 250;

/** The bytes of the regular files under a folder (the tar stream is a little more). */
export async function folderSize(host: Host, dir: string): Promise<number> {
  let total = 0;
  for (const entry of await host.readdir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.kind === 'file') total += (await host.stat(path)).size;
    else if (entry.kind === 'dir') total += await folderSize(host, path);
  }
  return total;
}

export async function transferFolder(request: TransferRequest): Promise<TransferResult> {
  const { from, to, signal } = request;
  if (!from.runPipe || !to.runPipe) throw new DeskError('INTERNAL', 'One of the hosts cannot stream a process\'s input and output.');
  const started = performance.now();
  const totalBytes = await folderSize(from, request.fromDir);
  // One stop for both ends: the caller's cancel, or either side failing.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  try {
    const source = await from.runPipe({ argv: ['sh', '-c', TAR_OUT, 'sh', request.fromDir], signal: stop.signal, killGraceMs: 2000 });
    const target = await to.runPipe({ argv: ['sh', '-c', TAR_IN, 'sh', request.toDir], signal: stop.signal, killGraceMs: 2000 });
    const hasher = new TarHasher();
    let bytes = 0;
    let lastAt = performance.now();
    let lastBytes = 0;
    let rate = 0;
    const report = (force = false) => {
      const now = performance.now();
      if (!force && now - lastAt < PROGRESS_EVERY_MS) return;
      rate = ((bytes - lastBytes) * 1000) / Math.max(1, now - lastAt);
      lastAt = now;
      lastBytes = bytes;
      request.onProgress?.({ bytes, totalBytes, bytesPerSecond: rate, files: hasher.files.length });
    };
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        hasher.push(chunk);
        report();
        done(null, chunk);
      },
    });
    // Either end exiting early stops the other: a target that fails must not leave the source writing forever.
    const endOf = (exit: Promise<PipeExit>) =>
      exit.then(
        (e) => {
          if (e.exitCode !== 0) stop.abort();
          return e;
        },
        (error: unknown) => {
          stop.abort();
          throw error;
        },
      );
    source.stdout.pipe(count).pipe(target.stdin);
    // tar -x may exit once it has read the end-of-archive blocks, before the padding after
    // them: the rest is drained, and the exits (then the hashes) say whether all arrived.
    target.stdin.on('error', () => {
      count.unpipe(target.stdin);
      count.resume();
    });
    const [sourceExit, targetExit] = await Promise.all([endOf(source.done), endOf(target.done)]);
    report(true);
    const streamMs = performance.now() - started;
    if (signal.aborted) throw new DeskError('INTERNAL', 'The transfer was cancelled.', { cancelled: true });
    // The end that failed on its own is the cause; the other was stopped because of it.
    const failed = [
      { side: 'source' as const, host: from.name, exit: sourceExit },
      { side: 'target' as const, host: to.name, exit: targetExit },
    ].filter((end) => end.exit.exitCode !== 0);
    const cause = failed.find((end) => !end.exit.cancelled) ?? failed[0];
    if (cause) throw endFailure(cause.side, cause.host, cause.exit);
    if (request.verify !== false) await verify(to, request.toDir, hasher.files, signal);
    return { bytes, files: hasher.files, durationMs: performance.now() - started, streamMs };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function endFailure(side: 'source' | 'target', host: string, exit: PipeExit): DeskError {
  const said = exit.stderr.trim().split('\n').filter(Boolean).pop() ?? (exit.signal ? `killed by ${exit.signal}` : `exit ${exit.exitCode}`);
  return new DeskError('INTERNAL', `tar on the ${side} host "${host}" failed: ${said}.`, {
    argv: exit.argv, exitCode: exit.exitCode, signal: exit.signal, stderr: exit.stderr, host,
  });
}

/** Hashes each file where it landed and compares with the hash of the bytes sent. */
async function verify(to: Host, dir: string, files: TarFileHash[], signal: AbortSignal): Promise<void> {
  if (files.length === 0) return;
  const result = await to.run({ argv: ['sh', '-c', SHA256, 'sh', dir, ...files.map((f) => `./${f.name}`)], signal });
  if (result.exitCode !== 0) {
    throw new DeskError('INTERNAL', `Could not check the files that arrived on "${to.name}": ${result.stderr.trim() || `exit ${result.exitCode}`}.`, {
      argv: result.argv, exitCode: result.exitCode, stderr: result.stderr,
    });
  }
  const arrived = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.*)$/.exec(line);
    if (m) arrived.set(m[2]!.replace(/^\.\//, ''), m[1]!);
  }
  const wrong = files.filter((f) => arrived.get(f.name) !== f.sha256).map((f) => f.name);
  if (wrong.length > 0) {
    throw new DeskError('INTERNAL', `${wrong.length} file(s) arrived on "${to.name}" different from what was sent: ${wrong.slice(0, 5).join(', ')}.`, { files: wrong });
  }
}
