import type { ImageList } from '../../../shared/images';
import { useDesk } from '../../store-context';

/** No image anywhere: say where the Desk looked and where checkpoints go. */
export function ImagesEmptyState({ dirs }: { dirs: ImageList['dirs'] }) {
  const setView = useDesk((s) => s.setView);
  const dataDir = useDesk((s) => s.overview?.dataDir);
  const own = dirs.find((d) => !d.removable)?.path ?? (dataDir ? `${dataDir}/images` : null);
  return (
    <section className="card empty-state" data-testid="images-empty" aria-labelledby="images-empty-title">
      <h2 id="images-empty-title">No images</h2>
      <p>No checkpoint image in any image folder.</p>
      <h3>Folders scanned</h3>
      <ul className="plain-list mono small">
        {dirs.map((d) => (
          <li key={d.path}>
            {d.path}
            {d.error && <span className="text-danger"> · {d.error}</span>}
          </li>
        ))}
      </ul>
      <p>
        Checkpoints land in the data dir’s images folder
        {own && (
          <>
            {' '}
            (<code className="mono">{own}</code>)
          </>
        )}
        , one folder per container. Images elsewhere show up once their folder is added above.
      </p>
      <div className="empty-action">
        <button type="button" className="button primary" onClick={() => setView('containers')}>
          Go to Containers
        </button>
        <span className="small muted">Checkpoint a running container there.</span>
      </div>
    </section>
  );
}
