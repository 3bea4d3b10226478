import { ErrorBlock } from '../../components/ErrorBlock';
import { privilegeLabel } from '../../lib/privilege';
import { useDesk } from '../../store-context';
import { GpuRuntime } from './GpuRuntime';

/** Which runsc, as whom, and which checkpoint options it really has. */
export function RuntimePanel() {
  const overview = useDesk((s) => s.overview);
  const loading = useDesk((s) => s.overviewLoading);

  return (
    <section className="card runtime-panel" data-testid="runtime-panel" aria-labelledby="runtime-title">
      <h2 id="runtime-title">Runtime</h2>
      {!overview ? (
        <p className="muted">{loading ? 'Reading runsc…' : 'Runtime unknown.'}</p>
      ) : (
        <>
          {overview.runsc.error && (
            <div className="runsc-missing">
              <ErrorBlock error={overview.runsc.error}>
                {overview.runsc.tried.length > 0 && (
                  <>
                    <p className="small">Looked for runsc at:</p>
                    <ul className="mono small plain-list">
                      {overview.runsc.tried.map((path) => (
                        <li key={path}>{path}</li>
                      ))}
                    </ul>
                  </>
                )}
                <p>
                  <strong>Install gVisor: apt-get install runsc, or set the runsc path in Settings.</strong>
                </p>
              </ErrorBlock>
            </div>
          )}
          <div className="runtime-body">
            <dl className="facts">
              <dt>runsc</dt>
              <dd className="mono">{overview.runsc.path ?? 'not found'}</dd>
              <dt>Version</dt>
              <dd className="mono">{overview.runsc.version ?? '—'}</dd>
              <dt>As root</dt>
              <dd>{overview.isRoot ? 'yes' : 'no'}</dd>
              <dt>Privilege</dt>
              <dd className="mono">{privilegeLabel(overview.privilege)}</dd>
              <dt>Data dir</dt>
              <dd className="mono truncate" title={overview.dataDir}>
                {overview.dataDir}
              </dd>
            </dl>
            {overview.checkpointOptions.length > 0 && (
              <table className="grid options-table">
                <caption>Checkpoint options in this runsc</caption>
                <thead>
                  <tr>
                    <th>Option</th>
                    <th>Flag</th>
                    <th className="col-yes">Supported</th>
                    <th>What runsc says</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.checkpointOptions.map((o) => (
                    <tr key={o.option} data-supported={o.supported}>
                      <td className="mono">{o.option}</td>
                      <td className="mono">{o.flag}</td>
                      <td className={o.supported ? 'yes' : 'no'}>
                        <span aria-hidden="true">{o.supported ? '✓' : '✗'}</span>
                        <span className="visually-hidden">{o.supported ? 'supported' : 'not supported'}</span>
                      </td>
                      <td className="small muted">{o.help ?? (o.supported ? '' : 'not in this runsc')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          {overview.gpu && <GpuRuntime gpu={overview.gpu} />}
        </>
      )}
    </section>
  );
}
