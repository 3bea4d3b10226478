// The files a job keeps beside its log: runsc's debug logs (runsc-debug/), the detached
// container's stdio, the report. Read as pages of lines, like the job's own log, so a
// debug log of many MB never crosses the bridge whole: a sparse index of every 1,000th
// line's byte offset makes any page one short read.
import { join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import type { JobFile, JobLogPage, LogLine } from '../../../shared/jobs';
import { errorCode, type Host } from '../host/host';
import { DEBUG_DIR } from './debug-logs';

const INDEX_EVERY = 1000;
const READ_CHUNK = 1024 * 1024;
const MAX_LINE_CHARS = 1_000_000;
export const STDIO_FILE = 'container-stdio.log';
export const REPORT_SUFFIX = '.report.tar.gz';

/** Every file the job kept, debug logs first (in the order runsc wrote them). */
export async function listJobFiles(host: Host, folder: string): Promise<JobFile[]> {
  const files: JobFile[] = [];
  const add = async (name: string, kind: JobFile['kind']) => {
    try {
      const stat = await host.stat(join(folder, name), { noFollow: true });
      if (stat.kind === 'file') files.push({ name, kind, bytes: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // Gone since the listing: not a file of this job any more.
    }
  };
  for (const entry of await entries(host, join(folder, DEBUG_DIR))) await add(`${DEBUG_DIR}/${entry}`, 'debug-log');
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  for (const entry of await entries(host, folder)) {
    if (entry === STDIO_FILE) await add(entry, 'stdio');
    else if (entry.endsWith(REPORT_SUFFIX)) await add(entry, 'report');
  }
  return files;
}

async function entries(host: Host, folder: string): Promise<string[]> {
  try {
    return (await host.readdir(folder)).filter((e) => e.kind === 'file').map((e) => e.name).sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/** A glog line's time ("I0729 12:34:56.123456 …"), in the year the file was written. */
export function glogTime(text: string, year: number): number | null {
  const m = /^[IWEFD](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(text);
  if (!m) return null;
  const [month, day, h, min, sec, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(year, month - 1, day, h, min, sec, ms).getTime();
}

interface Indexed {
  size: number;
  mtimeMs: number;
  count: number;
  index: number[];
}

/** Pages of a job's text file; the index of each file is kept while its size stands. */
export class JobFilePages {
  private readonly indexes = new Map<string, Indexed>();

  constructor(private readonly host: Host) {}

  async read(folder: string, name: string, offset = 0, limit = 1000): Promise<JobLogPage> {
    const known = await listJobFiles(this.host, folder);
    const file = known.find((f) => f.name === name);
    if (!file) {
      throw new DeskError('NOT_FOUND', `This job kept no file "${name}". listJobFiles names the ones it has.`, { field: 'name' });
    }
    if (file.kind === 'report') {
      throw new DeskError('INVALID_INPUT', `${name} is the job's report, a .tar.gz: save it with "Save report…" (getJobReport), it has no lines to read.`, { field: 'name' });
    }
    const path = join(folder, name);
    const indexed = await this.indexed(path, file);
    const start = Math.min(offset, indexed.count);
    const lines: LogLine[] = [];
    const year = new Date(file.mtimeMs).getFullYear();
    let t = file.mtimeMs;
    if (start < indexed.count) {
      const block = Math.floor(start / INDEX_EVERY);
      let at = block * INDEX_EVERY;
      for await (const raw of rawLines(this.host, path, indexed.index[block]!, indexed.size)) {
        if (at >= start) {
          const text = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)} … [cut at ${MAX_LINE_CHARS} characters]` : raw;
          // A line without its own time (a wrapped spec, a stack) takes the one before it.
          t = glogTime(text, year) ?? t;
          lines.push({ t, stream: 'stdout', text });
          if (lines.length >= limit) break;
        }
        at++;
      }
    }
    return { lines, next: start + lines.length, total: indexed.count };
  }

  private async indexed(path: string, file: JobFile): Promise<Indexed> {
    const cached = this.indexes.get(path);
    if (cached && cached.size === file.bytes && cached.mtimeMs === file.mtimeMs) return cached;
    const fresh: Indexed = { size: 0, mtimeMs: file.mtimeMs, count: 0, index: [0] };
    let last = -1;
    for (let offset = 0; offset < file.bytes; ) {
      const chunk = await this.host.readRange(path, offset, Math.min(READ_CHUNK, file.bytes - offset));
      if (chunk.length === 0) break;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
        fresh.count++;
        last = offset + at;
        if (fresh.count % INDEX_EVERY === 0) fresh.index.push(offset + at + 1);
      }
      offset += chunk.length;
      fresh.size = offset;
    }
    // A last line without a newline is still a line of a plain text file.
    if (fresh.size > last + 1) fresh.count++;
    this.indexes.set(path, fresh);
    return fresh;
  }
}

async function* rawLines(host: Host, path: string, from: number, to: number): AsyncGenerator<string> {
  let carry: Buffer = Buffer.alloc(0);
  for (let offset = from; offset < to; ) {
    const chunk = await host.readRange(path, offset, Math.min(READ_CHUNK, to - offset));
    if (chunk.length === 0) break;
    offset += chunk.length;
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let last = 0;
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, last)) {
      yield buffer.toString('utf8', last, at);
      last = at + 1;
    }
    carry = buffer.subarray(last);
  }
  if (carry.length > 0) yield carry.toString('utf8');
}
