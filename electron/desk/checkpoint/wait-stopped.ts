// After a checkpoint that stops the container: runsc 2024 returns as soon as the image is
// written, and the sandbox exits a moment later (about 1.5 s here, for busybox); until
// then `runsc list` still says "running". (2022 builds return once it has exited.) The
// next plan for the root waits for "stopped", so that what the Desk shows next, and a
// second checkpoint's preflight, tell the truth.
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { sandboxProcess } from './sandbox-state';

const POLL_MS = 100;

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
 * True once the sandbox process is gone; false when it is still there at the deadline.
 * A zombie is still there: runsc's kill(pid, 0) succeeds on one, so runsc calls the
 * container running until it is reaped. Where /proc cannot be read, runsc's own answer
 * decides, as in waitUntilStopped.
 */
export async function waitUntilExited(client: RunscClient, ctx: RootContext, id: string, pid: number, signal: AbortSignal, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted) {
    let process: Awaited<ReturnType<typeof sandboxProcess>>;
    try {
      process = await sandboxProcess(client.host, pid);
    } catch {
      return waitUntilStopped(client, ctx, id, signal, Math.max(0, deadline - Date.now()));
    }
    if (process === 'gone') return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}

/**
 * Sandboxes on their way out after a checkpoint, by root and id. The job does not wait
 * for them (that would add the sandbox's teardown, 1.5 s for 512 MB here, to every
 * checkpoint); the next plan for the same root waits instead, so it reads the truth.
 */
const stopping = new Map<string, Promise<boolean>>();

/**
 * `pid`: the sandbox's, when the caller knows it: then the wait watches that process
 * (runsc calls a container stopped once it is gone and reaped) and spawns nothing, where asking
 * `runsc state` would start a runsc beside the end of every checkpoint job; a 2022 build's
 * sandbox has already exited, and the first look says so.
 */
export function noteStopping(client: RunscClient, ctx: RootContext, id: string, pid: number | null = null): void {
  const key = `${ctx.root}\0${id}`;
  const signal = new AbortController().signal;
  const pending = pid !== null && pid > 0 ? waitUntilExited(client, ctx, id, pid, signal) : waitUntilStopped(client, ctx, id, signal);
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
