// Per image folder, what its images hold against the disk under it: the Images view
// draws one beside the other, so a person sees a folder filling its disk before a
// checkpoint fails for want of room.
import type { ImageDirInfo, ImageSummary } from '../../../shared/images';
import { isInside } from '../../../shared/paths';
import { freeBytes, nearestExisting } from '../dirs';
import type { Host } from '../host/host';

/** The file system's free and total bytes; total null from a Host that only tells free. */
export async function diskSpace(host: Host, path: string): Promise<ImageDirInfo['disk']> {
  try {
    if (host.diskSpace) return await host.diskSpace(await nearestExisting(host, path));
  } catch {
    return null;
  }
  const free = await freeBytes(host, path);
  return free === null ? null : { freeBytes: free, totalBytes: null };
}

/** Each dir with the bytes of the images under it and its disk's space. */
export function withDiskUse(host: Host, dirs: ImageDirInfo[], images: ImageSummary[]): Promise<ImageDirInfo[]> {
  return Promise.all(
    dirs.map(async (dir) => ({
      ...dir,
      imageBytes: images.filter((i) => !i.docker && isInside(i.path, dir.path)).reduce((sum, i) => sum + i.totalBytes, 0),
      disk: await diskSpace(host, dir.path),
    })),
  );
}
