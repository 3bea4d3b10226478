// The Images table's order and filter, kept out of the store so the listing the
// service sent stays as it came and a test can check the rules without a DOM.
import type { ImageState, ImageSummary } from '../../shared/images';
import type { ImageSort, ImageSortKey, ImageStateFilter } from '../state/types';

/** The order a column starts in: newest and biggest first, names and states A to Z. */
export const FIRST_DIR: Record<ImageSortKey, ImageSort['dir']> = {
  created: 'desc',
  size: 'desc',
  container: 'asc',
  state: 'asc',
};

// Ascending by state puts what needs a look first.
const STATE_RANK: Record<ImageState, number> = { unreadable: 0, partial: 1, complete: 2 };

function compare(a: ImageSummary, b: ImageSummary, key: ImageSortKey): number {
  switch (key) {
    case 'created':
      return a.createdAt - b.createdAt;
    case 'size':
      return a.totalBytes - b.totalBytes;
    case 'state':
      return STATE_RANK[a.state] - STATE_RANK[b.state];
    case 'container':
      return (a.containerId ?? '').localeCompare(b.containerId ?? '');
  }
}

export function nextSort(current: ImageSort, key: ImageSortKey): ImageSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: FIRST_DIR[key] };
}

export function matchesImage(image: ImageSummary, search: string, filter: ImageStateFilter): boolean {
  if (filter === 'complete' && image.state !== 'complete') return false;
  if (filter === 'problems' && image.state === 'complete') return false;
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return (image.containerId ?? '').toLowerCase().includes(needle) || image.path.toLowerCase().includes(needle);
}

/** A new array: filtered, sorted, ties newest first. Images with no container id sort last. */
export function visibleImages(
  images: readonly ImageSummary[],
  sort: ImageSort,
  search: string,
  filter: ImageStateFilter,
): ImageSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return images
    .filter((image) => matchesImage(image, search, filter))
    .sort((a, b) => {
      if (sort.key === 'container' && (a.containerId === null) !== (b.containerId === null)) {
        return a.containerId === null ? 1 : -1;
      }
      return sign * compare(a, b, sort.key) || b.createdAt - a.createdAt;
    });
}

/** The newest complete image of a container: what "Restore latest" restores. */
export function latestComplete(images: readonly ImageSummary[], containerId: string): ImageSummary | null {
  let best: ImageSummary | null = null;
  for (const image of images) {
    if (image.containerId !== containerId || image.state !== 'complete') continue;
    if (!best || image.createdAt > best.createdAt) best = image;
  }
  return best;
}
