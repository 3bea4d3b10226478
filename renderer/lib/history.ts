// A container's checkpoint history, as points for the details panel's chart: one per
// finished checkpoint or restore job, each keeping its job id so a click opens it.
import type { Job } from '../../shared/jobs';

export interface HistoryPoint {
  jobId: string;
  kind: 'checkpoint' | 'restore';
  /** When the job started, ms since the epoch. */
  at: number;
  /** The image the checkpoint wrote; null for a restore. */
  imageBytes: number | null;
  /** How long runsc took: its step when the job has one, else the whole job. */
  durationMs: number;
}

/** More than this and the chart gets one pair of points per bucket (see downsample). */
export const MAX_POINTS = 600;

function runscMs(job: Job): number | null {
  const step = job.steps.find((s) => s.name === 'runsc');
  if (step?.startedAt != null && step.endedAt != null) return step.endedAt - step.startedAt;
  if (job.startedAt != null && job.endedAt != null) return job.endedAt - job.startedAt;
  return null;
}

/** Succeeded checkpoints and restores, oldest first. A failed job has no size or duration worth drawing. */
export function historyPoints(jobs: Iterable<Job>): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (const job of jobs) {
    if (job.status !== 'succeeded' || (job.kind !== 'checkpoint' && job.kind !== 'restore')) continue;
    const durationMs = runscMs(job);
    if (durationMs === null) continue;
    points.push({
      jobId: job.id,
      kind: job.kind,
      at: job.startedAt ?? job.createdAt,
      imageBytes: job.kind === 'checkpoint' ? job.imageBytes : null,
      durationMs,
    });
  }
  return points.sort((a, b) => a.at - b.at || a.jobId.localeCompare(b.jobId));
}

/**
 * At most about `max` points, each still a real job: the history cut into max/2 runs
 * of neighbours, keeping the fastest and the slowest of each, so a spike stays visible.
 */
export function downsample(points: HistoryPoint[], max = MAX_POINTS): HistoryPoint[] {
  if (points.length <= max) return points;
  const buckets = Math.max(1, Math.floor(max / 2));
  const size = points.length / buckets;
  const kept: HistoryPoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const run = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (run.length === 0) continue;
    let lo = run[0]!;
    let hi = run[0]!;
    for (const p of run) {
      if (p.durationMs < lo.durationMs) lo = p;
      if (p.durationMs > hi.durationMs) hi = p;
    }
    if (lo === hi) kept.push(lo);
    else kept.push(...(lo.at <= hi.at ? [lo, hi] : [hi, lo]));
  }
  return kept;
}

/** Jobs by id, the later source winning: a listing read once, then the live events. */
export function mergeJobs(...lists: Job[][]): Job[] {
  const byId = new Map<string, Job>();
  for (const list of lists) for (const job of list) byId.set(job.id, job);
  return [...byId.values()];
}
