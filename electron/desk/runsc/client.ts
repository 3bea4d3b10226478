// runsc, bound to one binary, its probed capabilities and a privilege mode. Each call
// builds its argv with the one builder, spawns with the one spawner, and turns a
// failure into a DeskError carrying runsc's own words and a diagnosis.
import { DeskError, type ErrorCode } from '../../../shared/errors';
import type { Capabilities, PrivilegeMode } from '../../../shared/model';
import type { Host } from '../host/host';
import { buildArgv, type RootContext, type Subcommand, type SubcommandOptions } from './argv';
import { diagnose } from './diagnose';
import { runRunsc, type RunscCall, type RunscResult } from './spawn';

/** List and state calls answer in well under a second; a hung runsc must not hang the Desk. */
export const QUERY_TIMEOUT_MS = 20_000;

export interface CallOptions {
  timeoutMs?: number;
  outputFile?: string;
  signal?: AbortSignal;
  onLine?: RunscCall['onLine'];
}

export class RunscClient {
  constructor(
    /** Where this runsc lives: every call runs there. */
    readonly host: Host,
    readonly binary: string,
    readonly caps: Capabilities,
    readonly privilege: PrivilegeMode,
    private readonly queryTimeoutMs = QUERY_TIMEOUT_MS,
  ) {}

  argv<S extends Subcommand>(ctx: RootContext, subcommand: S, options: SubcommandOptions[S]): string[] {
    return buildArgv(this.caps, ctx, subcommand, options);
  }

  /** Runs and returns the result when runsc exits 0; throws a DeskError otherwise. */
  async call<S extends Subcommand>(
    ctx: RootContext,
    subcommand: S,
    options: SubcommandOptions[S],
    extra: CallOptions = {},
  ): Promise<RunscResult> {
    const args = this.argv(ctx, subcommand, options);
    const result = await runRunsc({
      host: this.host,
      binary: this.binary,
      privilege: this.privilege,
      args,
      timeoutMs: extra.timeoutMs ?? this.queryTimeoutMs,
      outputFile: extra.outputFile,
      signal: extra.signal,
      onLine: extra.onLine,
    });
    if (result.exitCode !== 0) throw failure(subcommand, result);
    return result;
  }
}

export function failure(subcommand: string, result: RunscResult): DeskError {
  const details = {
    argv: result.argv,
    exitCode: result.exitCode,
    signal: result.signal,
    stderr: result.stderr,
    stdout: result.stdout,
    diagnosis: diagnose(result.stderr),
  };
  if (result.spawnError) {
    return new DeskError('RUNSC_MISSING', `runsc could not be started (${result.spawnError}). Install gVisor (apt-get install runsc) or set its path in Settings.`, details);
  }
  if (result.timedOut) {
    return new DeskError('RUNSC_TIMEOUT', `runsc ${subcommand} did not answer in time and was stopped.`, details);
  }
  const code: ErrorCode = details.diagnosis?.title === 'No such container under this root' ? 'NOT_FOUND' : 'RUNSC_FAILED';
  const firstLine = result.stderr.split('\n').find((l) => l.trim() !== '')?.trim();
  const how = result.signal ? `was killed by ${result.signal}` : `exited ${result.exitCode}`;
  const message = details.diagnosis
    ? `${details.diagnosis.title} (runsc said: ${details.diagnosis.evidence}). ${details.diagnosis.fix}`
    : `runsc ${subcommand} ${how}${firstLine ? `: ${firstLine}` : ' with nothing on stderr'}.`;
  return new DeskError(code, message, details);
}
