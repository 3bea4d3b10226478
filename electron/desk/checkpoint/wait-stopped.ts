// After a checkpoint that stops the container: runsc 2024 returns as soon as the image is
// written, and the sandbox exits a moment later (about 1.5 s here, for busybox); until
// then `runsc list` still says "running". The job waits for "stopped", so that what the
// Desk shows next, and a second checkpoint's preflight, tell the truth.
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';

/** True once runsc says stopped (or the container is gone); false when it still runs at the deadline. */
export async function waitUntilStopped(client: RunscClient, ctx: RootContext, id: string, signal: AbortSignal, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    try {
      const state = JSON.parse((await client.call(ctx, 'state', { id })).stdout) as { status?: string };
      if (state.status === 'stopped') return true;
    } catch {
      // No state: runsc no longer knows the container, which is stopped enough.
      return true;
    }
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}
