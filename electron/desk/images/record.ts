// Reading and writing checkpoint-desk.json, the Desk's note beside runsc's image.
import { join } from 'node:path';
import { RECORD_FILE, type ImageRecord } from '../../../shared/images';
import type { Host } from '../host/host';

export async function writeRecord(host: Host, imagePath: string, record: ImageRecord): Promise<void> {
  await host.writeFileAtomic(join(imagePath, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

export async function readRecord(host: Host, imagePath: string): Promise<ImageRecord | null> {
  try {
    return JSON.parse(await host.readFile(join(imagePath, RECORD_FILE))) as ImageRecord;
  } catch {
    return null;
  }
}

/** The image's own files (not the record) and their sizes. */
export async function imageFiles(host: Host, imagePath: string): Promise<{ name: string; bytes: number }[]> {
  const files: { name: string; bytes: number }[] = [];
  try {
    for (const entry of await host.readdir(imagePath)) {
      if (entry.kind !== 'file' || entry.name === RECORD_FILE) continue;
      files.push({ name: entry.name, bytes: (await host.stat(join(imagePath, entry.name))).size });
    }
  } catch {
    // No folder: no files.
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
