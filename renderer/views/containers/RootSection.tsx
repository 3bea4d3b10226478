import { FlagChips } from '../../components/FlagChips';
import { matchesFilter } from '../../lib/filter-containers';
import type { RootGroup } from '../../lib/group-by-root';
import { useDesk } from '../../store-context';
import { ContainerTable } from './ContainerTable';

function countLabel(group: RootGroup, shown: number): string {
  const total = group.count ?? group.containers.length;
  const noun = total === 1 ? 'container' : 'containers';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

/** One runsc root: where it is, how runsc is called for it, and its containers. */
export function RootSection({ group }: { group: RootGroup }) {
  const filter = useDesk((s) => s.filter);
  const shown = group.containers.filter((c) => matchesFilter(c, filter));
  const { error, info } = group;
  const headingId = `root-${group.root.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  return (
    <section className="root-section" data-testid="root-section" data-root={group.root} aria-labelledby={headingId}>
      <header className="root-head">
        <h2 id={headingId} className="mono root-path">
          {group.root}
        </h2>
        {info && <span className="tag">{info.source}</span>}
        {info?.manager === 'docker' && (
          <span className="chip docker-badge" title="Docker owns these containers: the Desk changes them only through Docker.">
            Docker
          </span>
        )}
        <FlagChips flags={info?.globalFlags ?? []} />
        <span className="muted small root-count">{error ? 'listing failed' : countLabel(group, shown.length)}</span>
      </header>
      {info && info.profileProblems.length > 0 && (
        <p className="small text-warning">
          Not passed, this runsc does not know them: <FlagChips flags={info.profileProblems} />
        </p>
      )}
      {group.notice && (
        <p className="small muted root-notice" data-testid="root-notice" title={group.notice}>
          {group.notice}
        </p>
      )}
      {error && (
        <div className="root-error">
          <p className="small">runsc could not list this root:</p>
          <pre className="stderr-block">{error.details?.stderr || error.message}</pre>
        </div>
      )}
      {shown.length > 0 ? (
        <ContainerTable containers={shown} />
      ) : (
        !error && (
          <p className="muted small empty-root">
            {group.containers.length === 0 ? 'No containers in this root.' : 'No container here matches the filter.'}
          </p>
        )
      )}
    </section>
  );
}
