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

/**
 * Sandboxes on their way out after a checkpoint, by root and id. The job does not wait
 * for them (that would add the sandbox's teardown, 1.5 s for 512 MB here, to every
 * checkpoint); the next plan for the same root waits instead, so it reads the truth.
 */
const stopping = new Map<string, Promise<boolean>>();

export function noteStopping(client: RunscClient, ctx: RootContext, id: string): void {
  const key = `${ctx.root}\0${id}`;
  const pending = waitUntilStopped(client, ctx, id, new AbortController().signal);
  stopping.set(key, pending);
  void pending.finally(() => {
    if (stopping.get(key) === pending) stopping.delete(key);
  });
}

/** Resolves once every sandbox of this root (or just this id) that a checkpoint stopped has exited. */
export async function stopsSettled(root: string, id?: string): Promise<void> {
  const pending = [...stopping].filter(([key]) => (id === undefined ? key.startsWith(`${root}\0`) : key === `${root}\0${id}`)).map(([, p]) => p);
  await Promise.all(pending);
}
