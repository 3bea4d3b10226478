import { attentionItems } from '../lib/attention';
import { privilegeLabel } from '../lib/privilege';
import { useDesk } from '../store-context';
import type { Overview } from '../../shared/model';

/** Who runs runsc: the person running the Desk is not root when a helper does it for them. */
function runsAs(overview: Overview): string {
  if (overview.helper) return 'runsc as root, through the helper';
  return overview.isRoot ? 'running as root' : 'running as a user';
}

/** One line: which runsc, with what privilege, and a badge when something needs a look. */
export function AppHeader() {
  const overview = useDesk((s) => s.overview);
  const overviewError = useDesk((s) => s.overviewError);
  const setView = useDesk((s) => s.setView);
  const items = attentionItems(overview);
  const problems = overviewError ? [overviewError.message, ...items.map((i) => i.message)] : items.map((i) => i.message);

  return (
    <header className="app-header" data-testid="app-header">
      {!overview ? (
        <span className="muted">{overviewError ? 'runsc unknown' : 'Reading runsc…'}</span>
      ) : (
        <>
          {overview.runsc.version ? (
            <span>
              runsc <code className="mono">{overview.runsc.version}</code>
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
          <span>{runsAs(overview)}</span>
        </>
      )}
      {problems.length > 0 && (
        <button
          type="button"
          className="attention-badge"
          data-testid="attention-badge"
          title={problems.join('\n')}
          onClick={() => setView('runtime')}
        >
          <span aria-hidden="true">⚠</span> {problems.length === 1 ? '1 problem' : `${problems.length} problems`}
          <span className="visually-hidden">: see Runtime</span>
        </button>
      )}
    </header>
  );
}
