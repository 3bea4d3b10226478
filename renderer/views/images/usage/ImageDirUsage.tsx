import { lazy, Suspense } from 'react';
import type { ImageDirInfo } from '../../../../shared/images';
import { humanBytes } from '../../../lib/bytes';
import { diskWords, usageWords } from './usage-words';

// uPlot loads only when a folder has images to draw against its disk.
const UsageChart = lazy(() => import('./UsageChart'));

/** A folder's images against its disk's free space; a sentence when there is nothing to draw. */
export function ImageDirUsage({ dir }: { dir: ImageDirInfo }) {
  if (dir.error || dir.imageBytes === undefined || dir.disk === undefined) return null;
  const { imageBytes, disk } = dir;
  if (disk === null) {
    return (
      <p className="small muted" data-testid="usage-sentence">
        Images here use {humanBytes(imageBytes)}; the disk’s free space could not be read.
      </p>
    );
  }
  if (imageBytes === 0) {
    return (
      <p className="small muted" data-testid="usage-sentence">
        No images here yet; the disk has {diskWords(disk)}.
      </p>
    );
  }
  const words = usageWords(imageBytes, disk);
  return (
    <Suspense fallback={<p className="small muted">{words}</p>}>
      <UsageChart imageBytes={imageBytes} freeBytes={disk.freeBytes} caption={words} />
    </Suspense>
  );
}

