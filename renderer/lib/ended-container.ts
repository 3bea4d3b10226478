// A plain checkpoint that fails ends the container: runsc stops the sandbox when a save
// fails without --leave-running. Said first, with the way back.
import type { ImageSummary } from '../../shared/images';
import type { Job } from '../../shared/jobs';
import type { ContainerList } from '../../shared/model';
import { latestComplete } from './filter-images';

export interface EndedContainer {
  id: string;
  root: string;
  /** The newest complete image of it: what it can be restored from. */
  lastGood: ImageSummary | null;
  /** What the failed job left in its image folder, when the Desk lists it. */
  partial: ImageSummary | null;
}

export function endedContainer(job: Job, containers: ContainerList | null, images: readonly ImageSummary[] | null): EndedContainer | null {
  if (job.kind !== 'checkpoint' || (job.status !== 'failed' && job.status !== 'cancelled' && job.status !== 'interrupted')) return null;
  if (!containers) return null;
  const { root, id } = job.target;
  const now = containers.containers.find((c) => c.root === root && c.id === id);
  // Listed running (a leave-running job, or one that failed before runsc touched it): nothing ended.
  if (now && now.status !== 'stopped') return null;
  if (!now && containers.roots.some((r) => r.root === root && r.error)) return null;
  const all = images ?? [];
  const partial = job.imagePath ? (all.find((i) => i.path === job.imagePath && i.state !== 'complete') ?? null) : null;
  return { id, root, lastGood: latestComplete(all.filter((i) => i.path !== job.imagePath), id), partial };
}
