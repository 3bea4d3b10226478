import { RelativeTime } from '../../../components/RelativeTime';
import { humanBytes } from '../../../lib/bytes';
import type { HistoryPoint } from '../../../lib/history';
import { msToIso } from '../../../lib/paths';
import { seconds } from './seconds';

const SHOWN = 10;

/** The chart's latest points as text: what a screen reader reads, and how the keyboard opens a job. */
export function HistoryTable({ points, onOpen }: { points: HistoryPoint[]; onOpen: (jobId: string) => void }) {
  const latest = points.slice(-SHOWN).reverse();
  return (
    <details className="history-table">
      <summary className="small">The latest {latest.length} as a table</summary>
      <table className="grid">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th className="num">Image</th>
            <th className="num">runsc took</th>
            <th>
              <span className="visually-hidden">Job</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {latest.map((p) => (
            <tr key={p.jobId} data-testid="history-row" data-job={p.jobId}>
              <td>
                <RelativeTime iso={msToIso(p.at)} />
              </td>
              <td>{p.kind}</td>
              <td className="num">{p.imageBytes != null ? humanBytes(p.imageBytes) : '—'}</td>
              <td className="num">{seconds(p.durationMs)}</td>
              <td>
                {/* Not named after the kind: the panel's one "Checkpoint" button stays the only one. */}
                <button type="button" className="link-button" title={`Open job ${p.jobId}`} onClick={() => onOpen(p.jobId)}>
                  Open job
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
