// Copies a folder from one host to another as one tar stream: `tar -c` on the source,
// `tar -x` on the target, each over its own ssh connection. The stream goes from the
// source's ssh straight into the target's through one pipe that this process hands
// over and never reads: moving the bytes through Node (a read, a JS callback and a
// write per 64 KiB) cost more CPU than either ssh's crypto, and the pipe alone keeps up
// with the link. Progress comes from the source's tar (see progress.ts); each file's
// sha256 is taken where it lies on the source, while the stream runs, and where it
// landed on the target, after: a file that differs fails the transfer (see hashes.ts).
// Only POSIX sh, tar and openssl or coreutils' sha256sum are asked of either host.
import { DeskError } from '../../../shared/errors';
import type { Host, PipeExit, PipeRequest } from '../host/host';
import type { PipeWiring, WiredPipeProcess } from '../host/ssh/pipe-process';
import { compareHashes, hashFiles, listFiles, type FileHash } from './hashes';
import { PROGRESS_LINE, SentCounter, TAR_OUT } from './progress';

/** $1 the folder (made, and empty): the tar stream on stdin unpacked into it. */
const TAR_IN = 'umask 077\nmkdir -p -- "$1" || exit 1\ncd -- "$1" || exit 1\nexec tar -xf - --no-same-owner';
const KILL_GRACE_MS = 2000;

export interface TransferProgress {
  bytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** The files being copied. */
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
}

export interface TransferResult {
  /** The bytes of the files copied. */
  bytes: number;
  files: FileHash[];
  durationMs: number;
  /** The stream alone, before the check on arrival. */
  streamMs: number;
}

const PROGRESS_EVERY_MS = 250;

/** The bytes of the regular files under a folder (the tar stream is a little more). */
export async function folderSize(host: Host, dir: string): Promise<number> {
  return (await listFiles(host, dir)).reduce((sum, file) => sum + file.size, 0);
}

export async function transferFolder(request: TransferRequest): Promise<TransferResult> {
  const { from, to, signal } = request;
  if (!from.runPipe || !to.runPipe) throw new DeskError('INTERNAL', 'One of the hosts cannot stream a process\'s input and output.');
  const started = performance.now();
  const files = await listFiles(from, request.fromDir);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  // One stop for both ends: the caller's cancel, or either side failing.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  try {
    let lastAt = performance.now();
    let lastBytes = 0;
    let rate = 0;
    const counter = new SentCounter(totalBytes);
    let reported = false;
    const report = (force = false) => {
      const now = performance.now();
      // The first move shows at once (the bar starts); then at most every PROGRESS_EVERY_MS.
      if (!force && reported && now - lastAt < PROGRESS_EVERY_MS) return;
      reported = true;
      rate = ((counter.bytes - lastBytes) * 1000) / Math.max(1, now - lastAt);
      lastAt = now;
      lastBytes = counter.bytes;
      request.onProgress?.({ bytes: counter.bytes, totalBytes, bytesPerSecond: rate, files: files.length });
    };
    // The target first: its stdin pipe is what the source's stdout is then given. (The
    // other way round, Node would already be reading the source's stdout pipe, and
    // could take bytes from it before the target got it.)
    const target = await to.runPipe({ argv: ['sh', '-c', TAR_IN, 'sh', request.toDir], signal: stop.signal, killGraceMs: KILL_GRACE_MS });
    const sourceRequest: PipeRequest & PipeWiring = {
      argv: ['sh', '-c', TAR_OUT, 'sh', request.fromDir],
      signal: stop.signal,
      killGraceMs: KILL_GRACE_MS,
      stdout: target.stdin,
      onStderr: (text) => {
        if (counter.take(text)) report();
      },
    };
    let source: WiredPipeProcess;
    try {
      source = (await from.runPipe(sourceRequest)) as WiredPipeProcess;
      if (source.stdoutHandedOn !== true) {
        throw new DeskError('INTERNAL', `Host "${from.name}" cannot hand a process's output to another: its runPipe must pass the whole request to spawnPipe.`);
      }
    } catch (error) {
      stop.abort();
      target.stdin.destroy();
      await target.done.catch(() => undefined);
      throw error;
    }
    // This process's copy of the pipe's write end: with it closed, the source's end of
    // stream (or its death) is the target's end of input.
    target.stdin.destroy();
    // The source's hashes while the stream runs: its files are in its page cache now.
    const sent = hashFiles(from, request.fromDir, files, stop.signal);
    sent.catch(() => undefined);

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
    const [sourceExit, targetExit] = await Promise.all([endOf(source.done), endOf(target.done)]);
    const streamMs = performance.now() - started;
    if (signal.aborted) throw cancelled();
    // The end that failed on its own is the cause; the other was stopped because of it.
    const failed = [
      { side: 'source' as const, host: from.name, exit: sourceExit },
      { side: 'target' as const, host: to.name, exit: targetExit },
    ].filter((end) => end.exit.exitCode !== 0);
    const cause = failed.find((end) => !end.exit.cancelled) ?? failed[0];
    if (cause) throw endFailure(cause.side, cause.host, cause.exit);
    counter.finish();
    report(true);

    const [sentHashes, arrivedHashes] = await Promise.all([sent, hashFiles(to, request.toDir, files, signal)]);
    if (signal.aborted) throw cancelled();
    const copied = compareHashes(files, to.name, sentHashes, arrivedHashes);
    return { bytes: totalBytes, files: copied, durationMs: performance.now() - started, streamMs };
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function cancelled(): DeskError {
  return new DeskError('INTERNAL', 'The transfer was cancelled.', { cancelled: true });
}

function endFailure(side: 'source' | 'target', host: string, exit: PipeExit): DeskError {
  const lines = exit.stderr.split('\n').filter((line) => line.trim() && !PROGRESS_LINE.test(line));
  const said = lines.pop()?.trim() ?? (exit.signal ? `killed by ${exit.signal}` : `exit ${exit.exitCode}`);
  return new DeskError('INTERNAL', `tar on the ${side} host "${host}" failed: ${said}.`, {
    argv: exit.argv, exitCode: exit.exitCode, signal: exit.signal, stderr: exit.stderr, host,
  });
}
