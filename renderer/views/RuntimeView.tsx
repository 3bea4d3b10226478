import { ErrorBlock } from '../components/ErrorBlock';
import { attentionItems } from '../lib/attention';
import { useDesk } from '../store-context';
import { AttentionList } from './runtime/AttentionList';
import { CheckpointOptions } from './runtime/CheckpointOptions';
import { GpuRuntime } from './runtime/GpuRuntime';
import { PlacesLookedAt } from './runtime/PlacesLookedAt';
import { RunscBinaries } from './runtime/RunscBinaries';
import { RunscFacts } from './runtime/RunscFacts';

/** The runtime on its own page: binaries, versions, checkpoint options, GPU, and where the Desk looked. */
export function RuntimeView() {
  const overview = useDesk((s) => s.overview);
  const loading = useDesk((s) => s.overviewLoading);
  const error = useDesk((s) => s.overviewError);
  const refreshOverview = useDesk((s) => s.refreshOverview);

  return (
    <div className="view runtime-view">
      <div className="view-head">
        <h1>Runtime</h1>
        <button
          type="button"
          className="button"
          onClick={() => void refreshOverview()}
          disabled={loading}
          aria-busy={loading}
          title="Look for runsc, its roots and cuda-checkpoint again"
        >
          Refresh
        </button>
      </div>
      {error && <ErrorBlock error={error} />}
      {!overview ? (
        !error && <p className="muted">Reading runsc…</p>
      ) : (
        <>
          <AttentionList items={attentionItems(overview)} />
          <div className="runtime-grid">
            <RunscFacts overview={overview} />
            {overview.gpu && <GpuRuntime gpu={overview.gpu} />}
          </div>
          {overview.runscBinaries && <RunscBinaries binaries={overview.runscBinaries} />}
          <CheckpointOptions options={overview.checkpointOptions} />
          <PlacesLookedAt overview={overview} />
        </>
      )}
    </div>
  );
}
