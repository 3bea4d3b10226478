import type { Job } from '../../../shared/jobs';
import { formatDuration, spanMs } from '../../lib/duration';
import { isFinished } from '../../lib/job-status';
import { useTicker } from '../../lib/use-ticker';

/** How long a job ran, or has been running (ticking). */
export function JobDuration({ job }: { job: Job }) {
  const finished = isFinished(job.status);
  const now = useTicker(!finished);
  // An interrupted job has no end; "until now" would grow forever.
  const ms = finished && job.endedAt === null ? null : spanMs(job.startedAt, job.endedAt, now);
  return <span className="mono">{ms === null ? '—' : formatDuration(ms)}</span>;
}
