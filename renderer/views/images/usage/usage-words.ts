// The text equivalent of a folder's usage chart, and the sentence that stands in for it.
import type { ImageDirInfo } from '../../../../shared/images';
import { humanBytes } from '../../../lib/bytes';

export function diskWords(disk: NonNullable<ImageDirInfo['disk']>): string {
  return disk.totalBytes === null ? `${humanBytes(disk.freeBytes)} free` : `${humanBytes(disk.freeBytes)} free of ${humanBytes(disk.totalBytes)}`;
}

/** What the chart shows, in words: read by screen readers, and the caption under it. */
export function usageWords(imageBytes: number, disk: NonNullable<ImageDirInfo['disk']>): string {
  const percent = disk.totalBytes ? (imageBytes / disk.totalBytes) * 100 : null;
  // A small folder on a big disk reads "under 0.1 %", never a misleading "0.0 %".
  const share = percent === null ? '' : percent < 0.1 ? ' (under 0.1 % of the disk)' : ` (${percent.toFixed(1)} % of the disk)`;
  return `Images here use ${humanBytes(imageBytes)}${share}; the disk has ${diskWords(disk)}.`;
}
