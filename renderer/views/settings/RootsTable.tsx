import type { RootInfo } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FlagChips } from '../../components/FlagChips';
import { useDesk } from '../../store-context';

/** The roots the Desk scans; the ones a person added can be removed again. */
export function RootsTable({ roots }: { roots: RootInfo[] }) {
  const removeRoot = useDesk((s) => s.removeRoot);
  const busy = useDesk((s) => s.pending.removeRoot === true);
  const error = useDesk((s) => s.actionErrors.removeRoot);

  return (
    <>
      {roots.length === 0 ? (
        <p className="muted small">No roots yet.</p>
      ) : (
        <table className="grid roots-table">
          <thead>
            <tr>
              <th className="col-root">Root</th>
              <th className="col-source">Source</th>
              <th>Global flags</th>
              <th className="col-count num">Containers</th>
              <th className="actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roots.map((root) => (
              <tr key={root.path} data-root={root.path}>
                <td className="mono truncate" title={root.path}>
                  {root.path}
                </td>
                <td>
                  <span className="tag">{root.source}</span>
                </td>
                <td>
                  <FlagChips flags={root.globalFlags} empty="none" />
                  {root.profileSource !== 'none' && (
                    <span className="small muted"> from {root.profileSource}</span>
                  )}
                </td>
                <td className="num">{root.error ? <span className="text-danger">failed</span> : (root.containerCount ?? '—')}</td>
                <td className="actions">
                  {root.removable && (
                    <button
                      type="button"
                      className="button small"
                      disabled={busy}
                      aria-label={`Remove root ${root.path}`}
                      title="Stop scanning this root (nothing on disk changes)"
                      onClick={() => void removeRoot(root.path)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <ErrorBlock error={error} alert />}
    </>
  );
}
