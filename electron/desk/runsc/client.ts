// runsc, bound to one binary, its probed capabilities and a privilege mode. Each call
// builds its argv with the one builder, spawns with the one spawner, and turns a
// failure into a DeskError carrying runsc's own words and a diagnosis.
import type { Capabilities, PrivilegeMode } from '../../../shared/model';
import type { Host } from '../host/host';
import { buildArgv, type RootContext, type Subcommand, type SubcommandOptions } from './argv';
import { runscFailure } from './failure';
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
    if (result.exitCode !== 0) throw runscFailure(result, { during: 'call', subcommand });
    return result;
  }
}
