// The one function that spawns runsc. It takes an argv array (never a shell line),
// adds the privilege prefix, captures stdout and stderr separately, line by line, and
// never rejects: the caller reads the exit code and decides.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { execa, type Options } from 'execa';
import type { PrivilegeMode } from '../../../shared/model';

export type OutputStream = 'stdout' | 'stderr';

/** A cancelled or timed-out runsc gets SIGTERM, then SIGKILL after this long. */
export const KILL_GRACE_MS = 5000;

export interface RunscCall {
  binary: string;
  privilege: PrivilegeMode;
  /** Everything after the binary: global flags, subcommand, its flags, positionals. */
  args: string[];
  /** Kills runsc after this long; list/state calls must never hang the service. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Each output line as it arrives. */
  onLine?: (stream: OutputStream, text: string) => void;
  /**
   * For `run -detach` and `restore -detach`: runsc hands its own stdio to the sandbox,
   * which keeps a pipe open forever. These go to files instead of pipes.
   */
  outputFile?: string;
}

export interface RunscResult {
  /** The exact command line, privilege prefix included. */
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** spawn itself failed (ENOENT, EACCES): the binary could not start. */
  spawnError: string | null;
  durationMs: number;
}

export function privilegedArgv(privilege: PrivilegeMode, binary: string, args: string[]): string[] {
  switch (privilege) {
    case 'sudo':
      return ['sudo', '-n', '--', binary, ...args];
    case 'pkexec':
      return ['pkexec', binary, ...args];
    case 'none':
      return [binary, ...args];
  }
}

export async function runRunsc(call: RunscCall): Promise<RunscResult> {
  const argv = privilegedArgv(call.privilege, call.binary, call.args);
  const started = performance.now();
  // A raw descriptor, not execa's {file}: that one still pipes through this process.
  const fd = call.outputFile === undefined ? undefined : openSync(call.outputFile, 'a', 0o600);
  const toFile = fd !== undefined;
  const startOffset = fd === undefined ? 0 : fstatSync(fd).size;
  // execa documents an integer descriptor for stdout/stderr, but its types omit it.
  const output = (fd ?? 'pipe') as 'pipe';
  const options = {
    reject: false,
    stdin: 'ignore',
    stdout: output,
    stderr: output,
    timeout: call.timeoutMs,
    cancelSignal: call.signal,
    forceKillAfterDelay: KILL_GRACE_MS,
    stripFinalNewline: false,
    // Streamed output is not also buffered whole: a debug run can print gigabytes.
    buffer: call.onLine === undefined,
    env: { LC_ALL: 'C' },
  } satisfies Options;
  const child = execa(argv[0]!, argv.slice(1), options);
  // The last lines of each stream, for the error; the whole of it is in the job log.
  const tails: Record<OutputStream, string[]> = { stdout: [], stderr: [] };
  if (call.onLine && !toFile) {
    const onLine = (stream: OutputStream, text: string) => {
      const tail = tails[stream];
      tail.push(text);
      if (tail.length > TAIL_LINES * 2) tail.splice(0, tail.length - TAIL_LINES);
      call.onLine!(stream, text);
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      let partial = '';
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) onLine(stream, line);
      });
      child[stream]?.on('end', () => {
        if (partial) onLine(stream, partial);
        partial = '';
      });
    }
  }
  const result = await child;
  // With a file for stdio, runsc's own complaint lands in that file: read it back.
  const fileOutput = fd === undefined ? '' : readTail(call.outputFile!, startOffset);
  if (fd !== undefined) closeSync(fd);
  const spawnError = result.exitCode === undefined && !result.signal && result.failed && result.code ? `${result.code}: ${result.originalMessage ?? result.shortMessage}` : null;
  return {
    argv,
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    stdout: typeof result.stdout === 'string' ? result.stdout : joinTail(tails.stdout),
    stderr: toFile ? fileOutput : typeof result.stderr === 'string' ? result.stderr : joinTail(tails.stderr),
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    spawnError,
    durationMs: performance.now() - started,
  };
}

const TAIL_BYTES = 64 * 1024;
const TAIL_LINES = 200;

function joinTail(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.slice(-TAIL_LINES).join('\n')}\n`;
}

function readTail(path: string, from: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(from, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
