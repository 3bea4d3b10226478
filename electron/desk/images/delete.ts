// Deleting an image removes only what is provably image content, and the folder only
// when nothing else is left in it. Everything else is listed back and left alone.
import { join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import { IMAGE_CONTENT_FILES, RECORD_FILE, type DeleteImageResult } from '../../../shared/images';
import { STATEFILE, isDirectory } from '../dirs';
import type { Host } from '../host/host';
import { MAGIC, readHeader } from './header';

export async function deleteImage(host: Host, path: string): Promise<DeleteImageResult> {
  if (!(await isDirectory(host, path))) throw new DeskError('NOT_FOUND', `${path} is not a folder.`, { field: 'path' });
  const entries = await host.readdir(path);
  const names = new Set(entries.filter((e) => e.kind === 'file').map((e) => e.name));
  // Proof that this is an image: the Desk's record, or a statefile with runsc's magic.
  const header = names.has(STATEFILE) ? await readHeader(host, join(path, STATEFILE)) : null;
  const proven = names.has(RECORD_FILE) || (header !== null && (header.ok || header.magic === true));
  if (!proven) {
    throw new DeskError('INVALID_INPUT', `${path} is not a checkpoint image: it has no ${RECORD_FILE} and no ${STATEFILE} starting with ${MAGIC}. Nothing was removed.`, { field: 'path' });
  }
  const removed: string[] = [];
  for (const name of IMAGE_CONTENT_FILES) {
    if (!names.has(name)) continue;
    await host.remove(join(path, name));
    removed.push(name);
  }
  const kept = entries.map((e) => e.name).filter((name) => !removed.includes(name));
  let folderRemoved = false;
  if (kept.length === 0) {
    await host.remove(path);
    folderRemoved = true;
  }
  return { removed, kept, folderRemoved };
}
