import type { Overview } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { privilegeLabel } from '../../lib/privilege';

/** Which runsc, as whom, and where the Desk keeps its data. */
export function RunscFacts({ overview }: { overview: Overview }) {
  const { runsc } = overview;
  return (
    <section className="card" data-testid="runtime-panel" aria-labelledby="runsc-facts-title">
      <h2 id="runsc-facts-title">runsc</h2>
      {runsc.error && (
        <div className="runsc-missing">
          <ErrorBlock error={runsc.error}>
            <p>
              <strong>Install gVisor: apt-get install runsc, or set the runsc path in Settings.</strong>
            </p>
          </ErrorBlock>
        </div>
      )}
      <dl className="facts">
        <dt>Binary</dt>
        <dd className="mono">{runsc.path ?? 'not found'}</dd>
        <dt>Version</dt>
        <dd className="mono">{runsc.version ?? '—'}</dd>
        <dt>As root</dt>
        <dd>{overview.helper ? 'yes, in the helper (this window runs as you)' : overview.isRoot ? 'yes' : 'no'}</dd>
        <dt>Privilege</dt>
        <dd className="mono">{privilegeLabel(overview.privilege)}</dd>
        <dt>Data dir</dt>
        <dd className="mono wrap">{overview.dataDir}</dd>
      </dl>
    </section>
  );
}
