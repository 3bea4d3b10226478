import type { Container } from '../../../../shared/model';
import { RelativeTime } from '../../../components/RelativeTime';
import { latestComplete } from '../../../lib/filter-images';
import { msToIso } from '../../../lib/paths';
import { useDesk } from '../../../store-context';
import { RemoveContainer } from '../RemoveContainer';

/**
 * A stopped container, said plainly: not running, its last image, and the way back
 * (Restore, in place) or out (Delete). runsc's ps and events only fail on it, so they
 * are not asked.
 */
export function NotRunning({ container, busy }: { container: Container; busy: boolean }) {
  const images = useDesk((s) => s.images);
  const openRestore = useDesk((s) => s.openRestore);
  const latest = images ? latestComplete(images.images, container.id) : null;
  return (
    <section className="not-running" data-testid="not-running" aria-labelledby="not-running-title">
      <h3 id="not-running-title">Not running</h3>
      {latest ? (
        <p className="small">
          Its last image, <RelativeTime iso={msToIso(latest.createdAt)} />: <code className="mono wrap">{latest.path}</code>
        </p>
      ) : (
        <p className="small muted">{images ? 'It has no complete image to restore from.' : 'Looking for its images…'}</p>
      )}
      <div className="button-row">
        {latest && (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={(e) => {
              e.currentTarget.focus(); // the dialog gives focus back to it
              openRestore(latest);
            }}
          >
            Restore
          </button>
        )}
        <RemoveContainer container={container} disabled={busy} />
      </div>
    </section>
  );
}
