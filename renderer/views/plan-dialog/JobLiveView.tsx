import { useEffect, useRef, type ReactNode } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { GpuOutcome } from '../../components/GpuOutcome';
import { JobNotes } from '../../components/JobNotes';
import { JobAftermath } from '../../components/JobAftermath';
import { JobOutcome } from '../../components/JobOutcome';
import { JobStatusBadge } from '../../components/JobStatusBadge';
import { LogPanel } from '../../components/log/LogPanel';
import { humanBytes } from '../../lib/bytes';
import { formatDuration, spanMs } from '../../lib/duration';
import { isFinished, logFileName } from '../../lib/job-status';
import { useTicker } from '../../lib/use-ticker';
import { useDesk } from '../../store-context';

/**
 * A dialog after submit (checkpoint or restore): the job as it runs, its log, and how
 * it ended. `actions` go beside Close, for what to do once it ended.
 */
export function JobLiveView({ jobId, onClose, actions }: { jobId: string; onClose: () => void; actions?: ReactNode }) {
  const job = useDesk((s) => s.jobs.find((j) => j.id === jobId));
  const cancelJob = useDesk((s) => s.cancelJob);
  const cancelling = useDesk((s) => s.pending.cancelJob === true);
  const cancelError = useDesk((s) => s.actionErrors.cancelJob);
  const openJob = useDesk((s) => s.openJob);
  const rootRef = useRef<HTMLDivElement>(null);

  // The form's fields are gone; keep the focus inside the dialog so Esc and Tab still work.
  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  const status = job?.status ?? 'queued';
  const running = !isFinished(status);
  const now = useTicker(running);
  const elapsed = !job || (!running && job.endedAt === null) ? null : spanMs(job.startedAt ?? job.createdAt, job.endedAt, now);

  return (
    <div className="job-live" ref={rootRef} tabIndex={-1}>
      <div className="job-summary">
        <JobStatusBadge status={status} testId="job-status" />
        <span>
          <span className="muted">elapsed</span> <span className="num">{elapsed === null ? '—' : formatDuration(elapsed)}</span>
        </span>
        {job?.imageBytes != null && (
          <span>
            <span className="muted">image</span> {humanBytes(job.imageBytes)}
          </span>
        )}
        <span className="grow" />
        {running && (
          <button
            type="button"
            className="button small danger"
            disabled={cancelling}
            aria-busy={cancelling}
            title="Stop runsc: SIGTERM, then SIGKILL after a grace period"
            onClick={() => void cancelJob(jobId)}
          >
            Cancel
          </button>
        )}
        <button type="button" className="button small" onClick={() => openJob(jobId)}>
          Open in Jobs
        </button>
      </div>
      {job?.imagePath && (
        <p className="small">
          <span className="muted">Image path</span> <code className="mono">{job.imagePath}</code>
        </p>
      )}
      {cancelError && <ErrorBlock error={cancelError} alert />}
      {job && <JobAftermath job={job} />}
      {job && <JobOutcome job={job} />}
      {job?.cuda && <GpuOutcome cuda={job.cuda} />}
      {job && <JobNotes job={job} />}
      <LogPanel key={jobId} jobId={jobId} fileName={logFileName(job?.title, jobId)} className="in-dialog" />
      <div className="modal-foot">
        {running && (
          <span className="small muted grow" data-testid="goes-on">
            Closing this leaves the job running; the sidebar’s task list and Jobs follow it.
          </span>
        )}
        <button type="button" className="button" onClick={onClose}>
          {running ? 'Close, keep it running' : 'Close'}
        </button>
        {actions}
      </div>
    </div>
  );
}
