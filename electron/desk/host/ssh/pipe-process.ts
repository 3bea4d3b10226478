// A process whose stdin and stdout are byte streams, for the ends of a transfer: an ssh
// for SshHost, the program itself for LocalHost (it lives beside ssh-process.ts, where
// spawning is allowed). stderr's tail is kept for the error; a cancel ends it as execa
// would (TERM, then KILL after the grace).
import { spawn, type ChildProcess } from 'node:child_process';
import { Readable, type Writable } from 'node:stream';
import type { PipeExit, PipeProcess, PipeRequest } from '../host';

const STDERR_TAIL = 64 * 1024;
const DEFAULT_GRACE_MS = 5000;

export interface PipeSpawn {
  /** The local program and its arguments (ssh …, or the program itself). */
  command: string[];
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** What the result names as the command line. */
  argv: string[];
  /** How to end the process when the signal aborts; default: signal the local child. */
  stop?: (child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL') => void;
  /** Sees stderr before it is kept; returns what to keep (ssh's wrapper strips its pid line). */
  filterStderr?: (text: string) => string;
}

/**
 * What a transfer adds to a PipeRequest. They reach here through SshHost and LocalHost,
 * which hand their request on whole; the result's `stdoutHandedOn` says they did.
 */
export interface PipeWiring {
  /**
   * The process's stdout is this stream's descriptor (another process's stdin pipe),
   * so its bytes go from one process to the other without passing through this one.
   */
  stdout?: Writable;
  /** Each piece of stderr as it comes (after filterStderr), besides the kept tail. */
  onStderr?: (text: string) => void;
}

export interface WiredPipeProcess extends PipeProcess {
  /** True when stdout went to the request's `stdout` stream; `stdout` here is then empty. */
  stdoutHandedOn: boolean;
}

export function spawnPipe(request: PipeRequest & PipeWiring, how: PipeSpawn): WiredPipeProcess {
  const child = spawn(how.command[0]!, how.command.slice(1), {
    stdio: ['pipe', request.stdout ?? 'pipe', 'pipe'],
    ...(how.env ? { env: how.env } : {}),
    ...(how.uid !== undefined ? { uid: how.uid, gid: how.gid } : {}),
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    const text = how.filterStderr ? how.filterStderr(chunk) : chunk;
    stderr += text;
    if (text) request.onStderr?.(text);
    if (stderr.length > STDERR_TAIL * 2) stderr = stderr.slice(-STDERR_TAIL);
  });
  // The reader may end early (the far side failed): a closed pipe is reported by the exit.
  child.stdin!.on('error', () => undefined);
  let cancelled = false;
  const timers: NodeJS.Timeout[] = [];
  const stop = how.stop ?? ((c: ChildProcess, signal: NodeJS.Signals) => void c.kill(signal));
  const onAbort = () => {
    cancelled = true;
    stop(child, 'SIGTERM');
    timers.push(setTimeout(() => stop(child, 'SIGKILL'), request.killGraceMs ?? DEFAULT_GRACE_MS));
    // Should the far end hang, the local process goes too.
    timers.push(setTimeout(() => child.kill('SIGKILL'), (request.killGraceMs ?? DEFAULT_GRACE_MS) + 2000));
  };
  if (request.signal?.aborted) queueMicrotask(onAbort);
  else request.signal?.addEventListener('abort', onAbort, { once: true });
  const done = new Promise<PipeExit>((resolve) => {
    let spawnError: string | null = null;
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = `${error.code ?? 'error'}: ${how.argv[0]} cannot be run`;
    });
    child.on('close', (code, signal) => {
      request.signal?.removeEventListener('abort', onAbort);
      for (const timer of timers) clearTimeout(timer);
      resolve({ argv: how.argv, exitCode: code, signal, stderr: stderr.slice(-STDERR_TAIL), cancelled, spawnError });
    });
  });
  const handedOn = request.stdout !== undefined;
  return { stdin: child.stdin!, stdout: handedOn ? Readable.from([]) : child.stdout!, done, stdoutHandedOn: handedOn };
}
