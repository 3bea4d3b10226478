import { useEffect } from 'react';
import { ImageStateBadge } from '../../../components/ImageStateBadge';
import { RelativeTime } from '../../../components/RelativeTime';
import { humanBytes } from '../../../lib/bytes';
import { latestComplete } from '../../../lib/filter-images';
import { msToIso } from '../../../lib/paths';
import { useDesk } from '../../../store-context';

/** At most this many rows; the Images view has the rest. */
const SHOWN = 5;

/** A container's checkpoint images (by container id), and "Restore latest". */
export function ContainerImages({ containerId, offerRestore = true }: { containerId: string; offerRestore?: boolean }) {
  const images = useDesk((s) => s.images);
  const loading = useDesk((s) => s.imagesLoading);
  const refreshImages = useDesk((s) => s.refreshImages);
  const openRestore = useDesk((s) => s.openRestore);
  const setView = useDesk((s) => s.setView);
  const selectImage = useDesk((s) => s.selectImage);
  const setImageSearch = useDesk((s) => s.setImageSearch);

  // The first look reads the listing; finished jobs keep it fresh from then on.
  const listed = images !== null;
  useEffect(() => {
    if (!listed) void refreshImages();
  }, [listed, refreshImages]);

  const mine = (images?.images ?? []).filter((i) => i.containerId === containerId);
  const latest = latestComplete(mine, containerId);
  const openInImages = (path: string) => {
    setView('images');
    void selectImage(path);
  };

  return (
    <section className="details-part" data-testid="container-images" aria-labelledby="container-images-title">
      <div className="part-head">
        <h3 id="container-images-title">Images</h3>
        {/* A stopped container has Restore at the top of its details; once is enough. */}
        {offerRestore && (
        <button
          type="button"
          className="button small"
          disabled={!latest}
          title={
            latest ? `Restore the newest complete image, ${latest.path}` : 'No complete image of this container to restore'
          }
          onClick={(e) => {
            e.currentTarget.focus(); // the dialog gives focus back to it
            if (latest) openRestore(latest);
          }}
        >
          Restore latest
        </button>
        )}
      </div>
      {!images ? (
        <p className="muted small">{loading ? 'Scanning the image folders…' : 'Images unknown.'}</p>
      ) : mine.length === 0 ? (
        <p className="muted small">No image of this container. Checkpoint it to make one.</p>
      ) : (
        <>
          {!latest && <p className="small muted">None of them is complete, so none can be restored.</p>}
          <table className="grid container-images-table">
            <thead>
              <tr>
                <th className="col-state">State</th>
                <th className="col-created">Created</th>
                <th className="col-size num">Size</th>
                <th>Path</th>
              </tr>
            </thead>
            <tbody>
              {mine.slice(0, SHOWN).map((image) => (
                // Rows, not buttons: an image path holds words like "checkpoint" that would
                // make a second "Checkpoint" button in this panel.
                <tr
                  key={image.path}
                  className="row"
                  data-testid="container-image"
                  data-path={image.path}
                  data-state={image.state}
                  tabIndex={0}
                  title={`Open ${image.path} in Images`}
                  onClick={() => openInImages(image.path)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      openInImages(image.path);
                    }
                  }}
                >
                  <td>
                    <ImageStateBadge state={image.state} />
                  </td>
                  <td>
                    <RelativeTime iso={msToIso(image.createdAt)} />
                  </td>
                  <td className="num">{humanBytes(image.totalBytes)}</td>
                  <td className="mono truncate truncate-start">
                    <bdi>{image.path}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mine.length > SHOWN && (
            <button
              type="button"
              className="link-button small"
              onClick={() => {
                setImageSearch(containerId);
                setView('images');
              }}
            >
              All {mine.length} images of {containerId} in Images
            </button>
          )}
        </>
      )}
    </section>
  );
}
