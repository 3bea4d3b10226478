import { privilegeLabel } from '../lib/privilege';
import { useDesk } from '../store-context';

/** Which runsc the Desk drives, and with what privilege: true of every view. */
export function AppHeader() {
  const overview = useDesk((s) => s.overview);
  const failed = useDesk((s) => s.overviewError !== null);
  if (!overview) {
    return (
      <header className="app-header">
        <span className="muted">{failed ? 'runsc unknown' : 'Reading runsc…'}</span>
      </header>
    );
  }
  const { runsc } = overview;
  return (
    <header className="app-header">
      {runsc.version ? (
        <span>
          runsc <code className="mono">{runsc.version}</code>
        </span>
      ) : (
        <span className="text-danger">runsc not found</span>
      )}
      <span className="sep" aria-hidden="true">
        ·
      </span>
      <span>
        privilege <code className="mono">{privilegeLabel(overview.privilege)}</code>
      </span>
      <span className="sep" aria-hidden="true">
        ·
      </span>
      <span>{overview.isRoot ? 'running as root' : 'running as a user'}</span>
    </header>
  );
}
