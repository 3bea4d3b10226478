import type { JobStatus } from '../../shared/jobs';

/** A job's status in the service's word; the testid marks the one that describes the job in view. */
export function JobStatusBadge({ status, testId }: { status: JobStatus; testId?: string }) {
  return (
    <span className={`badge job-${status}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}
