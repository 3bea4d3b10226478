// The checkpoint plan skips runsc's memory query only when the image folder has more
// room than the container's host has memory: that host's memory, not this machine's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planCheckpoint, type PlanDeps } from '../../../electron/desk/checkpoint/plan';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import type { ResolvedRoot } from '../../../electron/desk/roots';
import { RunscClient } from '../../../electron/desk/runsc/client';
import { caps2022, capsCurrent } from './caps';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-plan-memory-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function depsOn(memory: number | 'unknown', caps = caps2022()) {
  const host = Object.create(new LocalHost()) as Host;
  Object.defineProperty(host, 'name', { value: 'gpu-3' });
  host.totalMemory = memory === 'unknown' ? () => Promise.reject(new Error('no /proc/meminfo')) : async () => memory;
  const root: ResolvedRoot = {
    profile: { path: join(dir, 'root'), source: 'settings', requestedFlags: [], profileSource: null, removable: true, runsc: null },
    manager: 'runsc',
    ctx: { root: join(dir, 'root'), globalFlags: [] },
    problems: [],
  } as unknown as ResolvedRoot;
  const memoryBytes = vi.fn(async () => 64 * 2 ** 20);
  const deps: PlanDeps = {
    client: new RunscClient(host, '/usr/bin/runsc', caps, 'none'),
    cuda: () => ({ isGpuContainer: async () => false, binaryInContainer: async () => false }),
    roots: [root],
    imagesDir: join(dir, 'images'),
    findContainer: async () => ({ root: root.profile.path, id: 'web', status: 'running', pid: 42, bundle: join(dir, 'bundle'), created: null, annotations: {}, gpu: false, manager: 'runsc' }),
    memoryBytes,
  };
  return { deps, memoryBytes, root };
}

describe('planCheckpoint on a host with its own memory', () => {
  it('asks runsc for the memory in use when the host has more memory than the folder has room', async () => {
    const { deps, memoryBytes, root } = depsOn(2 ** 50);
    const plan = await planCheckpoint(deps, { root: root.profile.path, id: 'web', imagePath: join(dir, 'images', 'one') } as never);
    expect(plan.problems).toEqual([]);
    expect(memoryBytes).toHaveBeenCalledTimes(1);
  });

  it('spares the query when the folder has room for all of the host\'s memory', async () => {
    const { deps, memoryBytes, root } = depsOn(1024);
    await planCheckpoint(deps, { root: root.profile.path, id: 'web', imagePath: join(dir, 'images', 'one') } as never);
    expect(memoryBytes).not.toHaveBeenCalled();
  });

  it('asks when the host cannot say how much memory it has', async () => {
    const { deps, memoryBytes, root } = depsOn('unknown');
    await planCheckpoint(deps, { root: root.profile.path, id: 'web', imagePath: join(dir, 'images', 'one') } as never);
    expect(memoryBytes).toHaveBeenCalledTimes(1);
  });

  it('spawns no runsc before a checkpoint that only needs a choice: the folder has room for all of the host\'s memory', async () => {
    const { deps, memoryBytes, root } = depsOn(1024 ** 2, capsCurrent());
    const plan = await planCheckpoint({ ...deps, estimates: false }, { root: root.profile.path, id: 'web', imagePath: join(dir, 'images', 'one') } as never);
    expect(memoryBytes).not.toHaveBeenCalled();
    expect(plan.speed?.chosen).toBe('none');
    expect(plan.speed?.reason).toMatch(/^Fastest \(uncompressed\): .* free covers an image of all of this host's 1 MiB of memory with a margin\.$/);
    expect(plan.checkpointOptions.compression).toBe('none');
  });

  it('asks for the memory in use where the plan is shown (the dialog\'s estimates), or the folder is short of room', async () => {
    const shown = depsOn(1024 ** 2, capsCurrent());
    const plan = await planCheckpoint(shown.deps, { root: shown.root.profile.path, id: 'web', imagePath: join(dir, 'images', 'one') } as never);
    expect(shown.memoryBytes).toHaveBeenCalledTimes(1);
    expect(plan.speed?.choices[0]?.estimatedBytes).toBeGreaterThan(64 * 2 ** 20);
    const short = depsOn(2 ** 50, capsCurrent());
    await planCheckpoint({ ...short.deps, estimates: false }, { root: short.root.profile.path, id: 'web', imagePath: join(dir, 'images', 'two') } as never);
    expect(short.memoryBytes).toHaveBeenCalledTimes(1);
  });
});
