import { useState } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import type { RequestInput } from '../../../shared/schemas';
import { ErrorBlock } from '../../components/ErrorBlock';
import { isFinished } from '../../lib/job-status';
import { saveReport } from '../../lib/save-report';
import { toErrorShape } from '../../state/run-action';
import { useDesk, useDeskStore } from '../../store-context';
import { CompareJobs } from './CompareJobs';
import { canRerun, rerunRequest } from './rerun';
import './review.css';

/**
 * What a person needs to ask gVisor's maintainers for help: the same job again with
 * debug logs, what changed since it last worked, and one report to attach.
 */
export function JobReview({ job }: { job: Job }) {
  const { api } = useDeskStore();
  const selectJob = useDesk((s) => s.selectJob);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState<'rerun' | 'report' | null>(null);
  const [saved, setSaved] = useState('');
  const finished = isFinished(job.status);

  const rerun = async () => {
    setBusy('rerun');
    setError(null);
    try {
      const request = rerunRequest(job);
      const { jobId } =
        job.kind === 'checkpoint' ? await api.checkpoint(request as RequestInput<'checkpoint'>) : await api.restore(request as RequestInput<'restore'>);
      await selectJob(jobId);
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(null);
    }
  };

  const report = async () => {
    setBusy('report');
    setError(null);
    setSaved('');
    try {
      const where = await saveReport(api, job.id);
      setSaved(where ? `Saved ${where}` : '');
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="details-part" aria-labelledby="job-review-title" data-testid="job-review">
      <h3 id="job-review-title">Review</h3>
      {job.rerunOf && (
        <p className="small">
          Runs again{' '}
          <button type="button" className="link-button mono" onClick={() => void selectJob(job.rerunOf!)}>
            {job.rerunOf}
          </button>
          {job.debugLogDir ? ', with debug logs.' : '.'}
        </p>
      )}
      <div className="job-review-actions">
        {job.status === 'failed' && canRerun(job) && (
          <button type="button" className="button small" disabled={busy !== null} aria-busy={busy === 'rerun'} onClick={() => void rerun()}>
            Run again with debug logs
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={busy !== null || !finished}
          aria-busy={busy === 'report'}
          title={finished ? 'The job, its log, the debug logs, runsc --version and flags, uname -a: redacted, in one .tar.gz' : 'A report can be saved once the job ends'}
          onClick={() => void report()}
        >
          Save report…
        </button>
        <span className="small muted" role="status">
          {saved}
        </span>
      </div>
      {error && <ErrorBlock error={error} alert />}
      {job.status === 'failed' && <CompareJobs key={job.id} job={job} />}
    </section>
  );
}
