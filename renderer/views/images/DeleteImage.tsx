import type { ImageSummary } from '../../../shared/images';
import { ConfirmStep } from '../../components/ConfirmStep';
import { humanBytes } from '../../lib/bytes';
import { deletePreview } from '../../lib/delete-plan';
import { useDesk } from '../../store-context';

/** "Delete image", behind a confirm step that names every file it removes. */
export function DeleteImage({ image }: { image: ImageSummary }) {
  const deletion = useDesk((s) => (s.imageDelete?.path === image.path ? s.imageDelete : null));
  const deleteImage = useDesk((s) => s.deleteImage);
  const { removed, kept } = deletePreview(image);
  return (
    <ConfirmStep
      label="Delete image"
      confirmLabel="Delete"
      titleId="delete-confirm-title"
      busy={deletion?.pending === true}
      error={deletion?.error}
      onConfirm={() => void deleteImage(image.path)}
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
    </ConfirmStep>
  );
}
