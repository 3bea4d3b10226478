// The one function that spawns runsc. It takes an argv array (never a shell line),
// adds the privilege prefix, and runs it on the given Host, which captures stdout and
// stderr separately, line by line. It never rejects: the caller reads the exit code.
import type { PrivilegeMode } from '../../../shared/model';
import type { Host, OutputStream, RunResult } from '../host/host';

export type { OutputStream };

/** A cancelled or timed-out runsc gets SIGTERM, then SIGKILL after this long. */
export const KILL_GRACE_MS = 5000;

export interface RunscCall {
  host: Host;
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

/** The exact command line (privilege prefix included), its exit and its words. */
export type RunscResult = RunResult;

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

export function runRunsc(call: RunscCall): Promise<RunscResult> {
  return call.host.run({
    argv: privilegedArgv(call.privilege, call.binary, call.args),
    // runsc's messages are matched by the diagnosis table: never translated.
    env: { LC_ALL: 'C' },
    timeoutMs: call.timeoutMs,
    signal: call.signal,
    killGraceMs: KILL_GRACE_MS,
    onLine: call.onLine,
    outputFile: call.outputFile,
  });
}
