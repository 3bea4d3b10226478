import type { RunscInfo } from '../../../shared/model';
import { causeLine } from '../../components/ErrorBlock';
import { useDesk } from '../../store-context';

/** Whether runsc itself is unusable: then nothing under any root can be listed, and one card says so. */
export function runtimeBroken(runsc: RunscInfo | undefined): boolean {
  return runsc !== undefined && (runsc.path === null || runsc.error !== null);
}

/**
 * runsc is missing or broken: one card with what is wrong, what to do and the way
 * there, in place of the empty state, the sample button and each root's failure,
 * which would all say the same thing, or contradict it.
 */
export function BrokenRuntime({ runsc }: { runsc: RunscInfo }) {
  const setView = useDesk((s) => s.setView);
  const cause = runsc.error ? causeLine(runsc.error) : 'No runsc binary was found.';
  return (
    <section className="card broken-runtime" data-testid="broken-runtime" role="alert" aria-labelledby="broken-title">
      <h2 id="broken-title">runsc cannot be used</h2>
      <p className="error-message">{cause}</p>
      <p>
        {runsc.path ? (
          <>
            The Desk is set to use <code className="mono">{runsc.path}</code>. Point it at a working runsc binary, or
            clear the path to let the Desk look in the usual places.
          </>
        ) : (
          <>Install runsc (gVisor), or tell the Desk where it is.</>
        )}{' '}
        Until then no container can be listed, checkpointed or restored.
      </p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => setView('settings')}>
          Fix it in Settings
        </button>
        <button type="button" className="button" onClick={() => setView('runtime')}>
          See where the Desk looked
        </button>
      </div>
    </section>
  );
}
