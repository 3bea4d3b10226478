// Statefile headers already read, by host, path, size and mtime. runsc writes a statefile
// once and never rewrites it, and the scan lstat's every file anyway, so an unchanged
// size and mtime mean the header has not changed: a listing of thousands of images,
// refreshed after every job, then opens and parses none of them again. Only headers read
// to the end are kept (a failed open may read differently next time), and the kept
// metadata is bounded in bytes, the oldest entries going first.
import type { HeaderResult } from './header';

/** About what the kept metadata costs in memory: thousands of typical headers. */
const DEFAULT_BUDGET = 64 * 1024 * 1024;

interface Entry {
  size: number;
  mtimeMs: number;
  header: HeaderResult;
  bytes: number;
}

export class HeaderCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly budget = DEFAULT_BUDGET) {}

  get(host: string, path: string, size: number, mtimeMs: number): HeaderResult | undefined {
    const key = `${host}\0${path}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.size !== size || entry.mtimeMs !== mtimeMs) {
      this.drop(key, entry);
      return undefined;
    }
    // Most recently used last, so the oldest go first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.header;
  }

  set(host: string, path: string, size: number, mtimeMs: number, header: HeaderResult): void {
    // Nothing read (the file could not be opened): not an answer about its content.
    if (header.bytesRead === 0) return;
    const key = `${host}\0${path}`;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    const bytes = footprint(header);
    if (bytes > this.budget) return;
    this.entries.set(key, { size, mtimeMs, header, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.drop(k, e);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** Roughly what the kept result holds: its metadata's characters, and a little for the rest. */
function footprint(header: HeaderResult): number {
  let bytes = 64;
  if (header.ok) for (const key in header.metadata) bytes += key.length + header.metadata[key]!.length;
  else bytes += header.reason.length;
  return bytes;
}
