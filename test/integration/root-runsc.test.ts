// A root bound to its own runsc (issue 12): the default runsc is one Debian build, the
// root's the other; listing and checkpoint use the root's, so a sandbox is read and
// checkpointed by the binary it runs under, without touching a setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointPlan } from '../../shared/jobs';
import type { ImageRecord } from '../../shared/images';
import type { ContainerList } from '../../shared/model';
import { startDesk } from '../support/desk-harness';
import { busyboxBundle, isCurrentBuild, realRunscBuilds, runSandbox } from '../support/real-runsc';
import { deleteAll } from '../support/sandboxes';

const builds = realRunscBuilds();
const pairs = builds.length === 2 ? [{ byDefault: builds[0]!, bound: builds[1]! }, { byDefault: builds[1]!, bound: builds[0]! }] : [];

describe.each(pairs)('a root bound to runsc $bound.label while the default is $byDefault.label', ({ byDefault, bound }) => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  let bundle: string;

  beforeAll(async () => {
    h = await startDesk(byDefault.path);
    root = join(h.work, 'bound-root');
    bundle = busyboxBundle(join(h.work, 'bundle'));
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'], runsc: bound.path });
  });
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(root, bound.path);
  });

  it('lists, plans and checkpoints with the root’s own binary', async () => {
    runSandbox(root, bundle, 'own-1', undefined, bound.path);
    const list = await h.call<ContainerList>('listContainers', { root });
    expect(list.roots[0]!.error).toBeNull();
    expect(list.containers.find((c) => c.id === 'own-1')?.status).toBe('running');

    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'own-1' });
    expect(plan.problems).toEqual([]);
    expect(plan.argv[0]).toBe(bound.path);
    // Fastest / Smallest exist only where the binary that checkpoints has --compression.
    expect(Boolean(plan.speed)).toBe(isCurrentBuild(bound));

    const imagePath = join(h.work, 'images', 'own-1');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'own-1', imagePath });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.find((s) => s.name === 'runsc')!.argv?.[0]).toBe(bound.path);
    const record = JSON.parse(readFileSync(join(imagePath, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
    expect(record.runscVersion).toBe(bound.label);
  });
});
