// `runsc exec` for cuda-checkpoint and the device scan. runsc exec runs as the spec's
// user unless told otherwise, and in a non-root container that user can neither read
// other processes' /proc/PID/fd nor drive cuda-checkpoint on them. gVisor's own toggles
// run as root inside the sandbox (pkg/sentry/control: invokeCudaCheckpoint execs with
// the kernel's credentials), so these calls ask for --user=0:0.
import type { RootContext } from '../runsc/argv';
import { hasFlag } from '../runsc/capabilities';
import type { RunscClient } from '../runsc/client';
import { runRunsc, type RunscResult } from '../runsc/spawn';

/** A scan or a --help answers at once; toggles are steps of a job, with their own limits. */
export const CUDA_QUERY_TIMEOUT_MS = 20_000;

/** The exec argv with --user=0:0 after the subcommand, where this runsc has --user. */
export function cudaExecArgv(client: RunscClient, ctx: RootContext, id: string, command: string[]): string[] {
  const argv = client.argv(ctx, 'exec', { id, command });
  if (!hasFlag(client.caps, 'exec', 'user')) return argv;
  const at = argv.indexOf('exec');
  return [...argv.slice(0, at + 1), '--user=0:0', ...argv.slice(at + 1)];
}

/** Runs and returns whatever came back: callers read the exit code (127, 0, other). */
export function cudaExec(client: RunscClient, ctx: RootContext, id: string, command: string[], timeoutMs = CUDA_QUERY_TIMEOUT_MS): Promise<RunscResult> {
  return runRunsc({ host: client.host, binary: client.binary, privilege: client.privilege, args: cudaExecArgv(client, ctx, id, command), timeoutMs });
}
