import type { RunscBinaryInfo } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { oncePerVersion } from './once-per-version';

/**
 * Every runsc on the host side by side: an image restores only under the version that
 * made it, so which versions are here, and what each can do, is the page's first fact.
 */
export function RunscBinaries({ binaries }: { binaries: RunscBinaryInfo[] }) {
  const listed = oncePerVersion(binaries);
  return (
    <section className="card" aria-labelledby="runsc-binaries-title" data-testid="runsc-binaries">
      <h2 id="runsc-binaries-title">runsc binaries on this host</h2>
      {listed.length === 0 ? (
        <p className="muted">No runsc found. Install gVisor (apt-get install runsc), or add a binary in Settings.</p>
      ) : (
        <div className="runtime-grid">
          {listed.map((b) => (
            <RunscBinary key={b.path} binary={b} />
          ))}
        </div>
      )}
    </section>
  );
}

function RunscBinary({ binary }: { binary: RunscBinaryInfo }) {
  const checkpoint = binary.checkpointOptions.filter((o) => o.supported).map((o) => o.flag);
  const restore = [binary.restoreOptions.direct && '--direct', binary.restoreOptions.background && '--background'].filter(Boolean) as string[];
  return (
    <article className="card runsc-binary" data-testid="runsc-binary" data-version={binary.version ?? ''} aria-label={`runsc ${binary.version ?? binary.path}`}>
      <h3 className="mono">
        {binary.version ?? 'version unknown'} {binary.isDefault && <span className="chip">default</span>}
      </h3>
      {binary.error && <ErrorBlock error={binary.error} />}
      <dl className="facts">
        <dt>Binary</dt>
        <dd className="mono wrap">{binary.path}</dd>
        {binary.alsoAt.length > 0 && (
          <>
            <dt>Also at</dt>
            <dd className="mono wrap">{binary.alsoAt.join(', ')}</dd>
          </>
        )}
        <dt>Found in</dt>
        <dd>{binary.sources.join(', ') || '—'}</dd>
        <dt>Checkpoint</dt>
        <dd className="mono wrap">{binary.error ? '—' : checkpoint.join(' ') || 'no optional flags'}</dd>
        <dt>Restore</dt>
        <dd className="mono wrap">{binary.error ? '—' : restore.join(' ') || 'no --direct, no --background'}</dd>
      </dl>
    </article>
  );
}
