// Image and work folders: checked before a job, created by it (0700, and remembered, so
// a cancelled job can offer to remove exactly what it made).
import { constants } from 'node:fs';
import { access, lstat, mkdir, readdir, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DirListing } from '../../shared/jobs';
import { DeskError } from '../../shared/errors';

export const STATEFILE = 'checkpoint.img';

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The path itself when it exists, else its closest ancestor that does. */
export async function nearestExisting(path: string): Promise<string> {
  let current = path;
  while (!(await exists(current))) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

export async function isWritable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function freeBytes(path: string): Promise<number | null> {
  try {
    const stats = await statfs(await nearestExisting(path));
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export async function holdsImage(path: string): Promise<boolean> {
  return exists(join(path, STATEFILE));
}

/** Creates `path` and its missing ancestors with mode 0700; returns those it created, outermost first. */
export async function createDirs(path: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path;
  while (!(await exists(current))) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing) await mkdir(dir, { mode: 0o700 });
  return missing;
}

/** Bytes under a folder, not following symlinks; for progress while runsc writes. */
export async function folderBytes(path: string): Promise<number> {
  let total = 0;
  try {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.isFile()) total += (await lstat(join(path, entry.name))).size;
    }
  } catch {
    // Not there yet: nothing written.
  }
  return total;
}

/** The server-side folder browser: the browser cannot see this disk. */
export async function listDirectory(path: string): Promise<DirListing> {
  if (!(await isDirectory(path))) {
    throw new DeskError('NOT_FOUND', `${path} is not a folder.`, { field: 'path' });
  }
  let names: import('node:fs').Dirent[];
  try {
    names = await readdir(path, { withFileTypes: true });
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `${path} cannot be read: ${(error as Error).message}`, { field: 'path' });
  }
  const entries = await Promise.all(
    names
      .filter((d) => d.isDirectory())
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 2000)
      .map(async (d) => {
        const full = join(path, d.name);
        return { name: d.name, path: full, isDir: true, isImage: await holdsImage(full) };
      }),
  );
  const parent = dirname(path);
  return { path, parent: parent === path ? null : parent, entries, writable: await isWritable(path) };
}
