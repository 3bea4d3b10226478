import type { Job, JobStatus } from '../../shared/jobs';

export const isFinished = (status: JobStatus) => status !== 'queued' && status !== 'running';
export const isFailure = (status: JobStatus) => status === 'failed' || status === 'interrupted';

// runsc logs warnings first and dies with its reason last; a line that sounds like an
// error says more than the first line, which is often a "W0101 …" warning.
const SOUNDS_LIKE_ERROR = /error|fail|fatal|cannot|can't|denied|not found|no such|not defined|invalid|refus/i;

/** The stderr line that most likely says why: the last error-sounding one, else the first. */
export function reasonLine(stderr: string): string | null {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find((l) => SOUNDS_LIKE_ERROR.test(l)) ?? lines[0] ?? null;
}

/** The one line that says why a job failed: the diagnosis, else runsc's own words. */
export function failureReason(job: Job): string {
  if (job.diagnosis) return job.diagnosis.title;
  const stderr = job.error?.details?.stderr;
  const line = typeof stderr === 'string' ? reasonLine(stderr) : null;
  if (line) return line;
  if (job.error) return job.error.message;
  return job.status === 'interrupted' ? 'the Desk stopped while it ran' : 'no reason recorded';
}

/** The step that failed, or the last one that ran: where the exit code lives. */
export function decisiveStep(job: Job) {
  return (
    job.steps.find((s) => s.status === 'failed') ??
    [...job.steps].reverse().find((s) => s.startedAt !== null) ??
    null
  );
}

/** "Checkpoint web-1", "job-7" → "checkpoint-web-1-job-7.log.txt": no spaces to quote in a shell. */
export function logFileName(title: string | undefined, jobId: string): string {
  const base = `${title ?? 'job'}-${jobId}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  return `${base}.log.txt`;
}
