import { useEffect, useRef } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { ErrorBlock } from '../../components/ErrorBlock';
import { ImageStateBadge } from '../../components/ImageStateBadge';
import { RevealButton } from '../../components/RevealButton';
import { baseName } from '../../lib/paths';
import { useDesk } from '../../store-context';
import { DeleteImage } from './DeleteImage';
import { DeleteResult } from './DeleteResult';
import { ImageContainers } from './ImageContainers';
import { ImageFiles } from './ImageFiles';
import { ImageJobs } from './ImageJobs';
import { ImageMetadata } from './ImageMetadata';
import { ImageRecordFacts } from './ImageRecordFacts';
import { RestoreAction } from './RestoreAction';

/** The side panel of the open image. Esc closes it and gives focus back to the row. */
export function ImageDetailsPanel() {
  const path = useDesk((s) => s.selectedImage);
  const details = useDesk((s) => s.imageDetails);
  const loading = useDesk((s) => s.imageDetailsLoading);
  const error = useDesk((s) => s.imageDetailsError);
  const summary = useDesk((s) => s.images?.images.find((i) => i.path === s.selectedImage) ?? null);
  const deleted = useDesk((s) => (s.imageDelete?.path === s.selectedImage ? s.imageDelete.result : null));
  const selectImage = useDesk((s) => s.selectImage);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void selectImage(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [selectImage]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [path]);

  if (!path) return null;
  // The listing's summary shows at once; the inspection adds metadata, containers and jobs.
  const image = details ?? summary;
  const title = image?.containerId ?? baseName(path);

  return (
    <aside className="side-panel image-panel" data-testid="image-details" aria-labelledby="image-title">
      <header className="side-panel-head">
        <h2 id="image-title" ref={headingRef} tabIndex={-1} className="mono truncate" title={title}>
          {title}
        </h2>
        {image && !deleted && <ImageStateBadge state={image.state} />}
        <button
          type="button"
          className="icon-button"
          aria-label="Close image details"
          title="Close image details (Esc)"
          onClick={() => void selectImage(null)}
        >
          ×
        </button>
      </header>
      <div className="image-path">
        <code className="mono wrap">{path}</code>
        <CopyButton text={path} label="Copy path" />
        <RevealButton path={path} />
      </div>

      {deleted ? (
        <DeleteResult result={deleted} />
      ) : (
        <>
          {image?.reason && (
            <p className={`image-reason-block reason-${image.state}`}>
              <strong>{image.state === 'partial' ? 'Partial' : 'Unreadable'}:</strong> {image.reason}
            </p>
          )}
          {image && (
            <div className="panel-actions">
              <RestoreAction image={image} />
            </div>
          )}
          {loading && <p className="muted">Reading the image header…</p>}
          {error && <ErrorBlock error={error} />}
          {image && (
            <>
              <ImageRecordFacts record={image.record} />
              {details && <ImageContainers containers={details.containers} />}
              {details && <ImageMetadata metadata={details.metadata} />}
              <ImageFiles files={image.files} totalBytes={image.totalBytes} hasRecord={image.record !== null} />
              {details && <ImageJobs jobs={details.jobs} />}
              <DeleteImage key={path} image={image} />
            </>
          )}
        </>
      )}
    </aside>
  );
}
