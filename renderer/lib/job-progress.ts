// A running job in a word and a number, for the row it changes and the tasks list:
// "checkpointing… 40 %". runsc says nothing of its progress, so the number is the
// share of the job's usual steps already done.
import type { Job, JobKind } from '../../shared/jobs';
import { isFinished } from './job-status';

const VERB: Record<JobKind, string> = { checkpoint: 'checkpointing', restore: 'restoring', delete: 'deleting', migrate: 'migrating' };
/** The steps such a job usually has; more show up as they start (GPU, in place, leave-running). */
const USUAL_STEPS: Record<JobKind, number> = { checkpoint: 3, restore: 3, delete: 1, migrate: 5 };

export function jobProgress(job: Job): { verb: string; percent: number; label: string } {
  const done = job.steps.filter((s) => s.status === 'succeeded' || s.status === 'skipped').length;
  const expected = Math.max(USUAL_STEPS[job.kind], job.steps.length + (job.steps.every((s) => s.endedAt !== null) ? 1 : 0));
  // Never 100 % while it runs: the last step may be the long one.
  const percent = Math.min(95, Math.round((done / expected) * 100));
  const verb = VERB[job.kind];
  return { verb, percent, label: `${verb}… ${percent} %` };
}

/** The job that runs on this container now, if any: its row shows it and holds its actions. */
export function activeJobOn(jobs: readonly Job[], target: { root: string; id: string }): Job | null {
  return jobs.find((j) => !isFinished(j.status) && j.target.root === target.root && j.target.id === target.id) ?? null;
}

export const runningJobs = (jobs: readonly Job[]) => jobs.filter((j) => !isFinished(j.status));
