import { useEffect, useRef, useState } from 'react';
import type { ImageSummary } from '../../../shared/images';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { humanBytes } from '../../lib/bytes';
import { deletePreview } from '../../lib/delete-plan';
import { useDesk } from '../../store-context';

/** "Delete image", behind a confirm step that names every file it removes. */
export function DeleteImage({ image }: { image: ImageSummary }) {
  const [confirming, setConfirming] = useState(false);
  const deletion = useDesk((s) => (s.imageDelete?.path === image.path ? s.imageDelete : null));
  const deleteImage = useDesk((s) => s.deleteImage);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const busy = deletion?.pending === true;

  useEffect(() => {
    // The safe choice gets the focus, so Enter does not delete anything by accident.
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="stop-container">
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete image
        </button>
      </div>
    );
  }
  const { removed, kept } = deletePreview(image);
  return (
    <div
      className="stop-container confirm"
      role="group"
      aria-labelledby="delete-confirm-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Esc backs out of the confirm step only, not the whole panel.
          e.stopPropagation();
          setConfirming(false);
        }
      }}
    >
      <p id="delete-confirm-title">
        <strong>Delete this image?</strong> These files are removed from <code className="mono">{image.path}</code>:
      </p>
      <ul className="plain-list delete-files mono small" data-testid="delete-files">
        {removed.map((f) => (
          <li key={f.name}>
            {f.name}
            {f.bytes > 0 && <span className="muted"> · {humanBytes(f.bytes)}</span>}
          </li>
        ))}
      </ul>
      <p className="small">
        {kept.length > 0 ? (
          <>
            Left alone, not image content: <span className="mono">{kept.join(', ')}</span>. The folder stays.
          </>
        ) : (
          'Other files are left alone; the folder goes only if nothing else is left in it.'
        )}{' '}
        This cannot be undone.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void deleteImage(image.path)}
        >
          {busy && <Spinner />}
          Delete
        </button>
        <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      {deletion?.error && <ErrorBlock error={deletion.error} alert />}
    </div>
  );
}
