// In place, on the real runsc 2022: a plain checkpoint leaves sample-1 stopped; the
// default restore deletes what is left of it and brings it back under the same id,
// its counter going on from where the image caught it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerDetails, ContainerList } from '../../shared/model';
import type { RestorePlan } from '../../shared/images';
import { deleteAll } from '../support/sandboxes';
import { realRunsc, requireRealRunsc, spyRunsc } from '../support/real-runsc';
import { startDesk } from '../support/desk-harness';

describe.runIf(requireRealRunsc())('restore in place, against the real runsc', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let spy: ReturnType<typeof spyRunsc>;
  let deskRoot: string;
  const counter = (id: string) =>
    Number(execFileSync(realRunsc()!, [`--root=${deskRoot}`, 'exec', id, '/bin/busybox', 'cat', '/tmp/counter'], { encoding: 'utf8', timeout: 20_000 }).trim());
  const statusOf = async (id: string) => (await h.call<ContainerList>('listContainers', { root: deskRoot })).containers.find((c) => c.id === id)?.status;

  beforeAll(async () => {
    spy = spyRunsc();
    h = await startDesk(spy.path);
    deskRoot = join(h.dataDir, 'root');
  });
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(deskRoot);
  });

  it('brings sample-1 back under its own id, with its counter continuing', async () => {
    const { id } = await h.call<{ id: string }>('startDemo', {});
    await new Promise((r) => setTimeout(r, 3500));
    const atCheckpoint = counter(id);
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root: deskRoot, id });
    const checkpoint = await h.waitJob(jobId);
    expect(checkpoint.status, JSON.stringify(checkpoint.error)).toBe('succeeded');
    expect(await statusOf(id)).toBe('stopped');

    // A stopped container's details say so, without runsc's ps/events failures.
    const details = await h.call<ContainerDetails>('getContainer', { root: deskRoot, id });
    expect(details.processesError).toBeNull();
    expect(details.memoryError).toBeNull();

    const plan = await h.call<RestorePlan>('planRestore', { imagePath: checkpoint.imagePath! });
    expect(plan.problems).toEqual([]);
    expect(plan.resolved.id).toBe(id);
    expect(plan.replaces).toBe(id);

    const restore = await h.waitJob((await h.call<{ jobId: string }>('restore', { imagePath: checkpoint.imagePath! })).jobId);
    expect(restore.status, JSON.stringify(restore.error)).toBe('succeeded');
    const del = restore.steps.find((s) => s.name === 'delete')!;
    expect(del.status).toBe('succeeded');
    expect(del.argv).toContain('delete');
    expect(del.argv).not.toContain('--force');
    expect(await statusOf(id)).toBe('running');
    const ids = (await h.call<ContainerList>('listContainers', { root: deskRoot })).containers.map((c) => c.id);
    expect(ids).toEqual([id]);
    const after = counter(id);
    expect(after).toBeGreaterThanOrEqual(atCheckpoint);
    expect(after).toBeLessThan(atCheckpoint + 5);
  });

  it('never deletes a running container: restoring over it is refused before anything is spawned', async () => {
    const images = await h.call<{ images: { path: string }[] }>('listImages', {});
    const before = spy.calls().filter((a) => a.includes('delete')).length;
    await expect(h.call('restore', { imagePath: images.images[0]!.path, id: 'sample-1' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'id' } });
    expect(spy.calls().filter((a) => a.includes('delete')).length).toBe(before);
    expect(await statusOf('sample-1')).toBe('running');
  });
});
