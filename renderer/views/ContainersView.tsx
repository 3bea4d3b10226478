import { useMemo, useState } from 'react';
import type { DeskErrorShape } from '../../shared/errors';
import { ErrorBlock } from '../components/ErrorBlock';
import { groupByRoot } from '../lib/group-by-root';
import { useDesk } from '../store-context';
import { BrokenRuntime, runtimeBroken } from './containers/BrokenRuntime';
import { ContainerDetailsPanel } from './containers/ContainerDetailsPanel';
import { ContainersToolbar } from './containers/ContainersToolbar';
import { EmptyState } from './containers/EmptyState';
import { RootSection } from './containers/RootSection';
import { HostContainers } from './hosts/HostContainers';
import { HostSwitcher } from './hosts/HostSwitcher';

// A missing token or a dead server fails both reads the same way; say it once.
const sameError = (a: DeskErrorShape, b: DeskErrorShape | null) => b !== null && a.code === b.code && a.message === b.message;

/** Every container of every root, one section per root: the first screen, so nothing sits above it. */
export function ContainersView() {
  const overview = useDesk((s) => s.overview);
  const overviewError = useDesk((s) => s.overviewError);
  const containers = useDesk((s) => s.containers);
  const containersLoading = useDesk((s) => s.containersLoading);
  const containersError = useDesk((s) => s.containersError);
  const selected = useDesk((s) => s.selected);
  const refreshContainers = useDesk((s) => s.refreshContainers);
  // This machine's view is the store's; another host (or all of them) lists on its own.
  const [host, setHost] = useState('local');

  const groups = useMemo(() => groupByRoot(containers, overview?.roots ?? []), [containers, overview]);
  // A runsc that cannot run fails every root alike: one card says it, nothing else contradicts it.
  const broken = runtimeBroken(overview?.runsc);
  const empty = containers !== null && containers.containers.length === 0;

  return (
    <div className="view containers-view">
      <div className="view-head">
        <h1>Containers</h1>
        <HostSwitcher value={host} onChange={setHost} />
        <button
          type="button"
          className="button"
          onClick={() => void refreshContainers()}
          disabled={containersLoading}
          aria-busy={containersLoading}
          title="Ask runsc for the list again (it also updates every few seconds on its own)"
        >
          Refresh
        </button>
      </div>

      {host !== 'local' ? (
        <HostContainers host={host} />
      ) : (
        <>
          {overviewError && <ErrorBlock error={overviewError} />}
          {containersError && !sameError(containersError, overviewError) && !broken && <ErrorBlock error={containersError} />}

          {broken && overview ? (
            <BrokenRuntime runsc={overview.runsc} />
          ) : containers === null ? (
            containersLoading && <p className="muted">Listing containers…</p>
          ) : empty ? (
            <>
              <EmptyState groups={groups} />
              {/* An empty root may be empty because runsc failed there: show why. */}
              {groups
                .filter((g) => g.error)
                .map((g) => (
                  <RootSection key={g.root} group={g} />
                ))}
            </>
          ) : (
            <>
              <ContainersToolbar />
              {groups.map((g) => (
                <RootSection key={g.root} group={g} />
              ))}
            </>
          )}

          {selected && <ContainerDetailsPanel />}
        </>
      )}
    </div>
  );
}
