// The wait for a checkpointed sandbox to exit watches its process, and asks runsc only
// where /proc cannot say: a 2022 build's sandbox is gone when runsc returns, and the
// end of every checkpoint job no longer starts a `runsc state` beside it.
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { stopsSettled, noteStopping, waitUntilExited } from '../../../electron/desk/checkpoint/wait-stopped';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import type { RunscClient } from '../../../electron/desk/runsc/client';

const ctx = { root: '/run/test-root', globalFlags: [] };

function clientOn(host: Host, stateSays: string) {
  const call = vi.fn(async () => ({ stdout: JSON.stringify({ status: stateSays }), stderr: '', argv: [] }));
  return { client: { host, call } as unknown as RunscClient, call };
}

describe('waiting for a checkpointed sandbox to exit', () => {
  it('is done at the first look when the process is gone, without asking runsc', async () => {
    const child = spawn('true', { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    const { client, call } = clientOn(new LocalHost(), 'running');
    await expect(waitUntilExited(client, ctx, 'web', child.pid!, new AbortController().signal)).resolves.toBe(true);
    expect(call).not.toHaveBeenCalled();
  });

  it('waits while the process runs, and ends when it exits and is reaped', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const { client, call } = clientOn(new LocalHost(), 'running');
    const waiting = waitUntilExited(client, ctx, 'web', child.pid!, new AbortController().signal);
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(settled).toBe(false);
    child.kill('SIGKILL');
    await expect(waiting).resolves.toBe(true);
    expect(call).not.toHaveBeenCalled();
  });

  it('keeps waiting on a zombie: runsc calls the container running until it is reaped', async () => {
    // `sleep 0` exits at once; its parent (sh, become `sleep 30` by exec) never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
    const { client } = clientOn(new LocalHost(), 'running');
    const stop = new AbortController();
    const waiting = waitUntilExited(client, ctx, 'web', pid, stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop.abort();
    parent.kill('SIGKILL');
    await expect(waiting).resolves.toBe(false);
  });

  it('asks runsc where /proc cannot be read', async () => {
    const host = Object.create(new LocalHost()) as Host;
    host.readFile = async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    const { client, call } = clientOn(host, 'stopped');
    await expect(waitUntilExited(client, ctx, 'web', process.pid, new AbortController().signal)).resolves.toBe(true);
    expect(call).toHaveBeenCalledWith(ctx, 'state', { id: 'web' });
  });

  it("the next plan's wait (stopsSettled) follows the process, not runsc", async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const { client, call } = clientOn(new LocalHost(), 'running');
    noteStopping(client, ctx, 'web', child.pid!);
    let settled = false;
    const next = stopsSettled(ctx.root, 'web').then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(settled).toBe(false);
    child.kill('SIGKILL');
    await next;
    expect(call).not.toHaveBeenCalled();
  });
});
