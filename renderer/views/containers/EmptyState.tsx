import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import type { RootGroup } from '../../lib/group-by-root';
import { useDesk } from '../../store-context';

/** No container in any root: say where the Desk looked, and offer one to try things on. */
export function EmptyState({ groups }: { groups: RootGroup[] }) {
  const lookedAt = useDesk((s) => s.overview?.lookedAt);
  const busy = useDesk((s) => s.pending.startDemo === true);
  const error = useDesk((s) => s.actionErrors.startDemo);
  const startDemo = useDesk((s) => s.startDemo);

  return (
    <section className="card empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No containers</h2>
      <p>runsc lists no container in any root the Desk knows.</p>

      <div className="empty-columns">
        <div>
          <h3>Roots asked</h3>
          {groups.length === 0 ? (
            <p className="muted small">No root yet. Add one in Settings, or start a sample sandbox.</p>
          ) : (
            <ul className="plain-list">
              {groups.map((g) => (
                <li key={g.root}>
                  <code className="mono">{g.root}</code>{' '}
                  {g.info && <span className="tag">{g.info.source}</span>}{' '}
                  {g.error && <span className="text-danger small">listing failed</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        {lookedAt && lookedAt.length > 0 && (
          <div>
            <h3>Places looked at for roots</h3>
            <ul className="plain-list mono small">
              {lookedAt.map((path) => (
                <li key={path}>{path}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <div className="empty-action">
        <button
          type="button"
          className="button primary"
          onClick={() => void startDemo()}
          disabled={busy}
          aria-busy={busy}
        >
          {busy && <Spinner />}
          Start a sample sandbox
        </button>
        <span className="small muted">
          {busy ? 'Starting the sandbox…' : 'A small sandbox in the Desk’s own root, to try checkpoint and restore on.'}
        </span>
      </div>
      {error && <ErrorBlock error={error} alert />}
    </section>
  );
}
