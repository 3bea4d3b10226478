import { useEffect, useMemo } from 'react';
import { ErrorBlock } from '../components/ErrorBlock';
import { visibleImages } from '../lib/filter-images';
import { useDesk } from '../store-context';
import { ImageDetailsPanel } from './images/ImageDetailsPanel';
import { ImageDirs } from './images/ImageDirs';
import { ImagesEmptyState } from './images/ImagesEmptyState';
import { ImagesTable } from './images/ImagesTable';
import { ImagesToolbar } from './images/ImagesToolbar';

/** Every checkpoint image in the image dirs: which are good, how big, from what. */
export function ImagesView() {
  const images = useDesk((s) => s.images);
  const loading = useDesk((s) => s.imagesLoading);
  const error = useDesk((s) => s.imagesError);
  const sort = useDesk((s) => s.imageSort);
  const search = useDesk((s) => s.imageSearch);
  const filter = useDesk((s) => s.imageFilter);
  const selected = useDesk((s) => s.selectedImage);
  const refreshImages = useDesk((s) => s.refreshImages);

  useEffect(() => {
    void refreshImages();
  }, [refreshImages]);

  const all = images?.images;
  const shown = useMemo(() => (all ? visibleImages(all, sort, search, filter) : []), [all, sort, search, filter]);

  return (
    <div className="view images-view">
      <div className="view-head">
        <h1>Images</h1>
        <button
          type="button"
          className="button"
          disabled={loading}
          aria-busy={loading}
          title="Scan the image folders again (the list also updates when a job ends)"
          onClick={() => void refreshImages()}
        >
          Refresh
        </button>
      </div>
      <ImageDirs dirs={images?.dirs ?? null} />
      {error && <ErrorBlock error={error} />}
      {!all ? (
        loading && <p className="muted">Scanning the image folders…</p>
      ) : all.length === 0 ? (
        <ImagesEmptyState dirs={images.dirs} />
      ) : (
        <>
          <ImagesToolbar shown={shown.length} total={all.length} />
          {shown.length > 0 ? (
            <ImagesTable images={shown} />
          ) : (
            <p className="muted small">No image matches the search and filter.</p>
          )}
        </>
      )}
      {selected && <ImageDetailsPanel />}
    </div>
  );
}
