import { useEffect, useState } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { Job, JobFile } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { humanBytes } from '../../lib/bytes';
import { toErrorShape } from '../../state/run-action';
import { useDeskStore } from '../../store-context';
import { JobFileLog } from './JobFileLog';

/** runsc's --debug-log files of a job, listed; one at a time opens in the log view. */
export function DebugLogs({ job }: { job: Job }) {
  const { api } = useDeskStore();
  const [files, setFiles] = useState<JobFile[] | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.listJobFiles({ jobId: job.id }).then(
      (all) => live && setFiles(all.filter((f) => f.kind === 'debug-log')),
      (e: unknown) => live && setError(toErrorShape(e)),
    );
    return () => {
      live = false;
    };
    // Listed again when the job moves on: runsc writes one file per command.
  }, [api, job.id, job.status, job.steps.length]);

  const shown = files?.find((f) => f.name === open) ?? null;
  return (
    <section className="details-part" aria-labelledby="job-debug-title" data-testid="debug-logs">
      <h3 id="job-debug-title">Debug logs</h3>
      {error && <ErrorBlock error={error} />}
      {files && files.length === 0 && <p className="muted small">runsc wrote no debug log files{job.status === 'running' ? ' yet' : ''}.</p>}
      {files && files.length > 0 && (
        <ul className="job-files">
          {files.map((f) => (
            <li key={f.name} data-testid="debug-log-file">
              <button type="button" className="button small" aria-pressed={open === f.name} onClick={() => setOpen(open === f.name ? null : f.name)}>
                {open === f.name ? 'Close' : 'Open'}
              </button>
              <span className="mono truncate" title={f.name}>
                {f.name.slice(f.name.lastIndexOf('/') + 1)}
              </span>
              <span className="muted small">{humanBytes(f.bytes)}</span>
            </li>
          ))}
        </ul>
      )}
      {shown && <JobFileLog jobId={job.id} file={shown} />}
    </section>
  );
}
