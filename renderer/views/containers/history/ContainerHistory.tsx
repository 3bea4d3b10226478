import { lazy, Suspense, useMemo } from 'react';
import { ErrorBlock } from '../../../components/ErrorBlock';
import { RelativeTime } from '../../../components/RelativeTime';
import { humanBytes } from '../../../lib/bytes';
import { downsample, historyPoints, type HistoryPoint } from '../../../lib/history';
import { msToIso } from '../../../lib/paths';
import { useDesk } from '../../../store-context';
import { HistoryTable } from './HistoryTable';
import { seconds } from './seconds';
import { useContainerJobs } from './use-container-jobs';

// uPlot and its CSS load only when a container has a history worth drawing.
const HistoryChart = lazy(() => import('./HistoryChart'));

function onePoint(p: HistoryPoint): string {
  return p.kind === 'checkpoint'
    ? `One checkpoint so far: ${p.imageBytes != null ? `${humanBytes(p.imageBytes)}, ` : ''}written in ${seconds(p.durationMs)},`
    : `One restore so far, in ${seconds(p.durationMs)},`;
}

/** Image size and checkpoint and restore times over time; each point opens its job. */
export function ContainerHistory({ containerId }: { containerId: string }) {
  const { jobs, loading, error } = useContainerJobs(containerId);
  const openJob = useDesk((s) => s.openJob);
  const points = useMemo(() => historyPoints(jobs), [jobs]);
  const shown = useMemo(() => downsample(points), [points]);
  const only = points[0];

  return (
    <section className="details-part history" data-testid="container-history" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      {error ? (
        <ErrorBlock error={error} />
      ) : loading ? (
        <p className="muted small">Reading the jobs of {containerId}…</p>
      ) : points.length === 0 ? (
        <p className="muted small" data-testid="history-empty">
          No checkpoint or restore of {containerId} has finished yet; each one that succeeds becomes a point here.
        </p>
      ) : points.length === 1 && only ? (
        <p className="small" data-testid="history-one">
          {onePoint(only)} <RelativeTime iso={msToIso(only.at)} />.{' '}
          <button type="button" className="link-button" onClick={() => openJob(only.jobId)}>
            Open the job
          </button>
        </p>
      ) : (
        <>
          {shown.length < points.length && (
            <p className="small muted" data-testid="history-downsampled">
              {shown.length} of {points.length} jobs drawn: the fastest and slowest of each stretch.
            </p>
          )}
          <Suspense fallback={<div className="history-chart history-loading muted small">Drawing the chart…</div>}>
            <HistoryChart points={shown} onOpen={openJob} />
          </Suspense>
          <HistoryTable points={points} onOpen={openJob} />
        </>
      )}
    </section>
  );
}
