import { useEffect, useRef } from 'react';
import type { Job } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { GpuOutcome } from '../../components/GpuOutcome';
import { JobAftermath } from '../../components/JobAftermath';
import { JobNotes } from '../../components/JobNotes';
import { JobOutcome } from '../../components/JobOutcome';
import { JobStatusBadge } from '../../components/JobStatusBadge';
import { RevealButton } from '../../components/RevealButton';
import { LogPanel } from '../../components/log/LogPanel';
import { humanBytes } from '../../lib/bytes';
import { isFinished, logFileName } from '../../lib/job-status';
import { useDesk } from '../../store-context';
import { DebugLogs } from './DebugLogs';
import { JobDuration } from './JobDuration';
import { JobReview } from './JobReview';
import { JobSteps } from './JobSteps';

const exact = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());

/** One job, whole: its steps and commands, its diagnosis, its warnings and its log. */
export function JobDetailsPanel({ job }: { job: Job }) {
  const selectJob = useDesk((s) => s.selectJob);
  const cancelJob = useDesk((s) => s.cancelJob);
  const cancelling = useDesk((s) => s.pending.cancelJob === true);
  const cancelError = useDesk((s) => s.actionErrors.cancelJob);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dataDir = useDesk((s) => s.overview?.dataDir ?? null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void selectJob(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [selectJob]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [job.id]);

  return (
    <aside className="side-panel job-panel" data-testid="job-details" aria-labelledby="job-title">
      <header className="side-panel-head">
        <h2 id="job-title" ref={headingRef} tabIndex={-1} className="truncate" title={job.title}>
          {job.title}
        </h2>
        <JobStatusBadge status={job.status} testId="job-status" />
        {!isFinished(job.status) && (
          <button
            type="button"
            className="button small danger"
            disabled={cancelling}
            title="Stop runsc: SIGTERM, then SIGKILL after a grace period"
            onClick={() => void cancelJob(job.id)}
          >
            Cancel
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label="Close job"
          title="Close job (Esc)"
          onClick={() => void selectJob(null)}
        >
          ×
        </button>
      </header>
      <dl className="facts job-facts">
        <dt>Container</dt>
        <dd className="mono">{job.target.id}</dd>
        <dt>Root</dt>
        <dd className="mono truncate" title={job.target.root}>
          {job.target.root}
        </dd>
        <dt>Image path</dt>
        <dd className="mono wrap">
          {job.imagePath ?? '—'} {job.imagePath && <RevealButton path={job.imagePath} />}
        </dd>
        {job.imageBytes !== null && (
          <>
            <dt>Image size</dt>
            <dd>{humanBytes(job.imageBytes)}</dd>
          </>
        )}
        <dt>Started</dt>
        <dd>{exact(job.startedAt ?? job.createdAt)}</dd>
        <dt>Duration</dt>
        <dd>
          <JobDuration job={job} />
        </dd>
        <dt>Job id</dt>
        <dd className="mono">
          {job.id} {dataDir && <RevealButton path={`${dataDir}/jobs/${job.id}`} label="Reveal job folder" />}
        </dd>
      </dl>
      {cancelError && <ErrorBlock error={cancelError} alert />}
      <JobAftermath job={job} />
      <JobOutcome job={job} />
      {job.cuda && <GpuOutcome cuda={job.cuda} />}
      <JobNotes job={job} />
      <section className="details-part" aria-labelledby="job-steps-title">
        <h3 id="job-steps-title">Steps</h3>
        <JobSteps steps={job.steps} />
      </section>
      <section className="details-part job-log" aria-labelledby="job-log-title">
        <h3 id="job-log-title">Log</h3>
        <LogPanel key={job.id} jobId={job.id} fileName={logFileName(job.title, job.id)} />
      </section>
      {job.debugLogDir && <DebugLogs key={job.id} job={job} />}
      {job.kind !== 'delete' && <JobReview key={`review-${job.id}`} job={job} />}
    </aside>
  );
}
