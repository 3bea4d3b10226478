import { useState } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { Job, JobComparison } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { toErrorShape } from '../../state/run-action';
import { useDeskStore } from '../../store-context';

/** "What changed since it last worked": a two-column diff, only the rows that differ. */
export function CompareJobs({ job }: { job: Job }) {
  const { api } = useDeskStore();
  const [result, setResult] = useState<JobComparison | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  const compare = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.compareJobs({ jobId: job.id }));
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="compare-jobs">
      {result?.jobId !== job.id && (
        <button type="button" className="button small" disabled={busy} aria-busy={busy} onClick={() => void compare()}>
          What changed since it last worked
        </button>
      )}
      {error && <ErrorBlock error={error} />}
      {result?.jobId === job.id && (
        <>
          {result.message && (
            <p className="small muted" role="status">
              {result.message}
            </p>
          )}
          {result.rows.length > 0 && (
            <table className="compare-table" aria-label="What changed since it last worked">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">When it worked ({result.withJobId})</th>
                  <th scope="col">This job</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={row.field} data-testid="compare-row">
                    <th scope="row">{row.field}</th>
                    <td className="before">{row.before}</td>
                    <td className="after">{row.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
