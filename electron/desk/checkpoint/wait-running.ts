// After a detached restore: poll `runsc state` until the container runs.
import { DeskError } from '../../../shared/errors';
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { JobFailure } from '../jobs/runner';

export async function waitUntilRunning(
  client: RunscClient,
  ctx: RootContext,
  id: string,
  signal: AbortSignal,
  timeoutMs = 30_000,
): Promise<{ pid: number | null }> {
  const deadline = Date.now() + timeoutMs;
  let last = 'unknown';
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const result = await client.call(ctx, 'state', { id });
      const state = JSON.parse(result.stdout) as { status?: string; pid?: number };
      last = state.status ?? 'unknown';
      if (state.status === 'running') return { pid: state.pid && state.pid > 0 ? state.pid : null };
      if (state.status === 'stopped') break;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new JobFailure(new DeskError('RUNSC_FAILED', `${id} did not come back running after the restore (last state: ${last}).`));
}
