// Reading and writing checkpoint-desk.json, the Desk's note beside runsc's image.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORD_FILE, type ImageRecord } from '../../../shared/images';
import { writeFileAtomic } from '../atomic-file';

export async function writeRecord(imagePath: string, record: ImageRecord): Promise<void> {
  await writeFileAtomic(join(imagePath, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

export async function readRecord(imagePath: string): Promise<ImageRecord | null> {
  try {
    return JSON.parse(await readFile(join(imagePath, RECORD_FILE), 'utf8')) as ImageRecord;
  } catch {
    return null;
  }
}

/** The image's own files (not the record) and their sizes. */
export async function imageFiles(imagePath: string): Promise<{ name: string; bytes: number }[]> {
  const files: { name: string; bytes: number }[] = [];
  try {
    for (const entry of await readdir(imagePath, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name === RECORD_FILE) continue;
      files.push({ name: entry.name, bytes: (await stat(join(imagePath, entry.name))).size });
    }
  } catch {
    // No folder: no files.
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
