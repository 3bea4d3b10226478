// Finding images under the image dirs: recursive, depth-limited, never following a
// symlink out of the folder. A folder is an image when it holds a statefile or a record.
import { join } from 'node:path';
import { RECORD_FILE, type ImageRecord, type ImageSummary } from '../../../shared/images';
import { STATEFILE } from '../dirs';
import type { DirEntry, FileStat, Host } from '../host/host';
import { readHeader, type HeaderResult } from './header';
import type { HeaderCache } from './header-cache';
import { readRecord } from './record';

export const MAX_DEPTH = 4;
const CONCURRENCY = 32;

/** An image folder and what its readdir found, so summarizing it need not list it again. */
export interface FoundFolder {
  path: string;
  entries?: DirEntry[];
}

/** Image folders under `dir`; folders inside an image are not searched. */
export async function findImageFolders(host: Host, dir: string, depth = MAX_DEPTH): Promise<FoundFolder[]> {
  let entries: DirEntry[];
  try {
    entries = await host.readdir(dir);
  } catch {
    return [];
  }
  if (entries.some((e) => e.kind === 'file' && (e.name === STATEFILE || e.name === RECORD_FILE))) return [{ path: dir, entries }];
  if (depth === 0) return [];
  // readdir does not follow symlinks: a link to a folder is not a directory here.
  const children = entries.filter((e) => e.kind === 'dir');
  const nested = await Promise.all(children.map((e) => findImageFolders(host, join(dir, e.name), depth - 1)));
  return nested.flat();
}

/** Summaries of many folders, a bounded number at a time. */
export type ScannedImage = ImageSummary & { metadata: Record<string, string> };

/** The status of the job that wrote an image: by the record's job id, else by the job's image path. */
export type WriterStatus = (path: string, jobId: string | null) => string | undefined;

export async function summarizeAll(host: Host, folders: (string | FoundFolder)[], jobStatus: WriterStatus, headers?: HeaderCache): Promise<ScannedImage[]> {
  const out: ScannedImage[] = new Array(folders.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, folders.length) }, async () => {
      while (next < folders.length) {
        const i = next++;
        const folder = folders[i]!;
        const { path, entries } = typeof folder === 'string' ? { path: folder, entries: undefined } : folder;
        out[i] = await summarizeImage(host, path, jobStatus, entries, headers);
      }
    }),
  );
  return out;
}

/** `entries`: the folder's readdir when the caller has it; `headers`: statefile headers already read. */
export async function summarizeImage(
  host: Host,
  path: string,
  jobStatus: WriterStatus,
  entries?: DirEntry[],
  headers?: HeaderCache,
): Promise<ScannedImage> {
  const names = entries ?? (await host.readdir(path).catch(() => [] as DirEntry[]));
  const fileNames = names.filter((d) => d.kind === 'file').map((d) => d.name);
  const stats = await Promise.all(fileNames.map(async (name) => ({ name, stat: await host.stat(join(path, name), { noFollow: true }).catch(() => null) })));
  const files = stats
    .filter((f) => f.name !== RECORD_FILE && f.stat)
    .map((f) => ({ name: f.name, bytes: f.stat!.size }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const record = fileNames.includes(RECORD_FILE) ? await readRecord(host, path) : null;
  const statefile = stats.find((f) => f.name === STATEFILE)?.stat ?? null;
  const header = statefile ? await statefileHeader(host, join(path, STATEFILE), statefile, headers) : null;
  const metadata = header?.ok ? header.metadata : {};

  let state: ImageSummary['state'] = 'complete';
  let reason: string | null = null;
  const partial = partialReason(record, fileNames, metadata, jobStatus(path, record?.jobId ?? null), !!statefile);
  if (header && !header.ok) {
    state = 'unreadable';
    reason = header.reason;
  } else if (partial) {
    state = 'partial';
    reason = partial;
  }
  const createdAt = record?.startedAt ?? statefile?.mtimeMs ?? 0;
  return {
    path,
    state,
    reason,
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    createdAt,
    containerId: record?.containerId ?? firstContainerId(metadata),
    runscVersion: record?.runscVersion ?? metadata.runsc_version ?? null,
    compression: metadata.compression ?? record?.compression ?? (statefile && !metadata.runsc_version ? 'flate' : null),
    record,
    metadata,
  };
}

async function statefileHeader(host: Host, file: string, lstat: FileStat, headers?: HeaderCache): Promise<HeaderResult> {
  // lstat of a regular file is its stat: its size spares readHeader another call.
  if (lstat.kind !== 'file') return readHeader(host, file);
  const known = headers?.get(host.name, file, lstat.size, lstat.mtimeMs);
  if (known) return known;
  const header = await readHeader(host, file, lstat.size);
  headers?.set(host.name, file, lstat.size, lstat.mtimeMs, header);
  return header;
}

function partialReason(
  record: ImageRecord | null,
  names: string[],
  metadata: Record<string, string>,
  status: string | undefined,
  hasStatefile: boolean,
): string | null {
  if (record?.state === 'partial') return record.reason ?? 'the job that wrote it did not finish';
  if (status === 'failed') return 'the job that wrote it failed';
  if (status === 'cancelled' || status === 'interrupted') return `the job that wrote it was ${status}`;
  if (!hasStatefile) return 'there is no checkpoint.img';
  const pagesMeta = names.includes('pages_meta.img');
  const pages = names.includes('pages.img');
  if (pagesMeta !== pages) return `${pagesMeta ? 'pages.img' : 'pages_meta.img'} is missing beside ${pagesMeta ? 'pages_meta.img' : 'pages.img'}`;
  if (metadata.compression === 'none' && !pages) return 'an uncompressed image needs pages_meta.img and pages.img';
  return null;
}

/** By metadata object: a cached header's specs are parsed once, not on every listing. */
const containerIds = new WeakMap<Record<string, string>, string | null>();

function firstContainerId(metadata: Record<string, string>): string | null {
  if (!metadata.container_specs) return null;
  let id = containerIds.get(metadata);
  if (id === undefined) {
    try {
      const specs = JSON.parse(metadata.container_specs) as Record<string, unknown>;
      id = Object.keys(specs)[0] ?? null;
    } catch {
      id = null;
    }
    containerIds.set(metadata, id);
  }
  return id;
}
