import type { KeyboardEvent } from 'react';
import type { ImageSummary } from '../../../shared/images';
import { ImageStateBadge } from '../../components/ImageStateBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { humanBytes } from '../../lib/bytes';
import { msToIso } from '../../lib/paths';
import { useDesk } from '../../store-context';
import { SortHeader } from './SortHeader';

/** The images, sorted and filtered; a row opens its details. */
export function ImagesTable({ images }: { images: ImageSummary[] }) {
  const selected = useDesk((s) => s.selectedImage);
  const selectImage = useDesk((s) => s.selectImage);
  const onKey = (e: KeyboardEvent, path: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void selectImage(path);
    }
  };

  return (
    <table className="grid images-table">
      <thead>
        <tr>
          <SortHeader sortKey="state" label="State" className="col-state" />
          <SortHeader sortKey="container" label="Container" className="col-container" />
          <SortHeader sortKey="created" label="Created" className="col-created" />
          <SortHeader sortKey="size" label="Size" className="col-size num" />
          <th className="col-runsc">runsc</th>
          <th className="col-compression">Compression</th>
          <th>Path</th>
        </tr>
      </thead>
      <tbody>
        {images.map((image) => (
          <tr
            key={image.path}
            data-testid="image-row"
            data-path={image.path}
            data-state={image.state}
            className={image.path === selected ? 'row is-open' : 'row'}
            tabIndex={0}
            onClick={() => void selectImage(image.path)}
            onKeyDown={(e) => onKey(e, image.path)}
          >
            <td className="state-cell">
              <ImageStateBadge state={image.state} />
              {image.reason && <span className="image-reason small">{image.reason}</span>}
            </td>
            <td className="mono truncate" title={image.containerId ?? undefined}>
              {image.containerId ?? <span className="muted">unknown</span>}
            </td>
            <td>
              <RelativeTime iso={msToIso(image.createdAt)} />
            </td>
            <td className="num">{humanBytes(image.totalBytes)}</td>
            <td className="mono truncate" title={image.runscVersion ?? undefined}>
              {image.runscVersion ?? <span className="muted">—</span>}
            </td>
            <td className="mono">{image.compression ?? <span className="muted">—</span>}</td>
            {/* Cut at the start: the end of the path (container, timestamp) is what tells images apart. */}
            <td className="mono truncate truncate-start" title={image.path}>
              <bdi>{image.path}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
