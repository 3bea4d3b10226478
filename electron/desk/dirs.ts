// Image and work folders: checked before a job, created by it (0700, and remembered, so
// a cancelled job can offer to remove exactly what it made).
import { dirname, join } from 'node:path';
import type { DirListing } from '../../shared/jobs';
import { DeskError } from '../../shared/errors';
import type { DirEntry, Host } from './host/host';

export const STATEFILE = 'checkpoint.img';

export async function exists(host: Host, path: string): Promise<boolean> {
  try {
    await host.stat(path, { noFollow: true });
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(host: Host, path: string): Promise<boolean> {
  try {
    return (await host.stat(path, { noFollow: true })).kind === 'dir';
  } catch {
    return false;
  }
}

/** The path itself when it exists, else its closest ancestor that does. */
export async function nearestExisting(host: Host, path: string): Promise<string> {
  let current = path;
  while (!(await exists(host, current))) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

export function isWritable(host: Host, path: string): Promise<boolean> {
  return host.access(path, 'write');
}

export async function freeBytes(host: Host, path: string): Promise<number | null> {
  try {
    return await host.freeBytes(await nearestExisting(host, path));
  } catch {
    return null;
  }
}

export function holdsImage(host: Host, path: string): Promise<boolean> {
  return exists(host, join(path, STATEFILE));
}

/** Creates `path` and its missing ancestors with mode 0700; returns those it created, outermost first. */
export async function createDirs(host: Host, path: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path;
  while (!(await exists(host, current))) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing) await host.mkdir(dir, { mode: 0o700 });
  return missing;
}

/** Bytes under a folder, not following symlinks; for progress while runsc writes. */
export async function folderBytes(host: Host, path: string): Promise<number> {
  let total = 0;
  try {
    for (const entry of await host.readdir(path)) {
      if (entry.kind === 'file') total += (await host.stat(join(path, entry.name), { noFollow: true })).size;
    }
  } catch {
    // Not there yet: nothing written.
  }
  return total;
}

/** The server-side folder browser: the browser cannot see this disk. */
export async function listDirectory(host: Host, path: string): Promise<DirListing> {
  if (!(await isDirectory(host, path))) {
    throw new DeskError('NOT_FOUND', `${path} is not a folder.`, { field: 'path' });
  }
  let names: DirEntry[];
  try {
    names = await host.readdir(path);
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `${path} cannot be read: ${(error as Error).message}`, { field: 'path' });
  }
  const entries = await Promise.all(
    names
      .filter((d) => d.kind === 'dir')
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 2000)
      .map(async (d) => {
        const full = join(path, d.name);
        return { name: d.name, path: full, isDir: true, isImage: await holdsImage(host, full) };
      }),
  );
  const parent = dirname(path);
  return { path, parent: parent === path ? null : parent, entries, writable: await isWritable(host, path) };
}
