import type { ImageList } from '../../../shared/images';
import { ErrorBlock } from '../../components/ErrorBlock';
import { useDesk } from '../../store-context';
import { AddImageDirForm } from './AddImageDirForm';
import { ImageDirUsage } from './usage/ImageDirUsage';

/** The folders scanned for images: the Desk's own, and the ones a person added. */
export function ImageDirs({ dirs }: { dirs: ImageList['dirs'] | null }) {
  const removeImageDir = useDesk((s) => s.removeImageDir);
  const busy = useDesk((s) => s.pending.removeImageDir === true);
  const error = useDesk((s) => s.actionErrors.removeImageDir);

  return (
    <section className="card image-dirs" aria-labelledby="image-dirs-title">
      <h2 id="image-dirs-title">Image folders</h2>
      {dirs === null ? (
        <p className="muted small">Reading…</p>
      ) : (
        <ul className="plain-list image-dir-list">
          {dirs.map((dir) => (
            <li key={dir.path} className="image-dir" data-testid="image-dir" data-path={dir.path}>
              <code className="mono truncate" title={dir.path}>
                {dir.path}
              </code>
              {!dir.removable && <span className="tag">the Desk’s own</span>}
              {dir.error && <span className="small text-danger">{dir.error}</span>}
              {dir.removable && (
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  aria-label={`Remove image folder ${dir.path}`}
                  title="Stop scanning this folder (nothing on disk changes)"
                  onClick={() => void removeImageDir(dir.path)}
                >
                  Remove
                </button>
              )}
              <div className="image-dir-usage">
                <ImageDirUsage dir={dir} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorBlock error={error} alert />}
      <AddImageDirForm />
    </section>
  );
}
