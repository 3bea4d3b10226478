// A job's log: NDJSON on disk, appended in batches, read by line offset without ever
// loading the whole file. A sparse index (the byte offset of every 1,000th line) makes
// the tail of a million-line log one short read.
import type { JobLogPage, LogLine, LogStream } from '../../../shared/jobs';
import type { AppendHandle, Host } from '../host/host';
import { rememberLinesJson } from './lines-json';

const INDEX_EVERY = 1000;
/** runsc's own lines are batched to at most ~20 messages a second per job. */
export const FLUSH_MS = 50;
const MAX_LINE_CHARS = 1_000_000;
/** Reads go through the Host a chunk at a time. */
const READ_CHUNK = 1024 * 1024;
/** Between two lines in a batch's JSON (see flush). */
const SEPARATOR = Buffer.from('},{"t":');
const NEWLINE = 10;

export type LogListener = (from: number, lines: LogLine[]) => void;

export class JobLog {
  private file: AppendHandle | null = null;
  private bytes = 0;
  private count = 0;
  private readonly index: number[] = [0];
  private pending: LogLine[] = [];
  private pendingFrom = 0;
  private timer: NodeJS.Timeout | null = null;
  private indexed: Promise<void> | null = null;

  private constructor(
    private readonly host: Host,
    readonly path: string,
    private readonly onLines: LogListener,
  ) {}

  /** A new log, for a job that is starting. */
  static async create(host: Host, path: string, onLines: LogListener): Promise<JobLog> {
    const log = new JobLog(host, path, onLines);
    log.file = await host.openAppend(path, 0o600);
    log.bytes = log.file.startSize;
    log.indexed = Promise.resolve();
    return log;
  }

  /** An existing log, read-only until reopened; indexed on first read. */
  static existing(host: Host, path: string): JobLog {
    return new JobLog(host, path, () => {});
  }

  get total(): number {
    return this.count + this.pending.length;
  }

  append(stream: LogStream, text: string): void {
    const line: LogLine = { t: Date.now(), stream, text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)} … [cut at ${MAX_LINE_CHARS} characters]` : text };
    if (this.pending.length === 0) this.pendingFrom = this.count;
    this.pending.push(line);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes what is pending and tells the listeners, in one batch. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 || this.file === null) return;
    const lines = this.pending;
    const from = this.pendingFrom;
    this.pending = [];
    // One JSON.stringify and one UTF-8 encoding for the batch: far faster than one per
    // line, and the event socket sends the same bytes (lines-json.ts). Its objects are
    // {"t":…,"stream":…,"text":…}, as append makes them, and the sequence },{"t": never
    // occurs inside a JSON string (its quote would be escaped), so the NDJSON is the
    // array's inside with each such comma made a newline, and the closing bracket the
    // last newline. JSON escapes every newline inside a string, so each newline byte ends
    // one line.
    const json = Buffer.from(JSON.stringify(lines));
    const ndjson = Buffer.allocUnsafe(json.length - 1);
    json.copy(ndjson, 0, 1, json.length - 1);
    ndjson[ndjson.length - 1] = NEWLINE;
    for (let at = json.indexOf(SEPARATOR); ; at = json.indexOf(SEPARATOR, at + 1)) {
      // This line's newline in ndjson: its comma (at + 1 in json), one byte earlier there.
      const end = at === -1 ? ndjson.length - 1 : at;
      ndjson[end] = NEWLINE;
      this.count++;
      // The index: the byte offset after every INDEX_EVERY-th line of the whole log.
      if (this.count % INDEX_EVERY === 0) this.index.push(this.bytes + end + 1);
      if (at === -1) break;
    }
    this.file.write(ndjson);
    this.bytes += ndjson.length;
    rememberLinesJson(lines, json);
    this.onLines(from, lines);
  }

  /** After every line is in the file; rejects when one could not be written (a full disk). */
  close(): Promise<void> {
    this.flush();
    const file = this.file;
    this.file = null;
    return file ? file.close() : Promise.resolve();
  }

  async read(offset = 0, limit = 1000): Promise<JobLogPage> {
    this.flush();
    // A log being written is indexed as it goes; one from disk, on its first read.
    if (!this.file) await this.ensureIndexed();
    // The log as it is at the call; its writes land behind it, so wait for them before
    // reading them back. Batches queued meanwhile are the next read's.
    const count = this.count;
    const end = this.bytes;
    await this.file?.written().catch(() => undefined);
    const start = Math.min(offset, count);
    const block = Math.floor(start / INDEX_EVERY);
    const lines: LogLine[] = [];
    if (start < count) {
      let at = block * INDEX_EVERY;
      for await (const raw of this.rawLines(this.index[block]!, end)) {
        // A torn last line (no newline) is not counted, so it is not read either.
        if (at >= count) break;
        if (at >= start) {
          const line = parseLine(raw);
          if (line) lines.push(line);
          if (lines.length >= limit) break;
        }
        at++;
      }
    }
    return { lines, next: start + lines.length, total: count };
  }

  /** For a log from disk: count its lines and build the index, streaming. */
  private ensureIndexed(): Promise<void> {
    this.indexed ??= (async () => {
      let offset = 0;
      try {
        for (;;) {
          const buffer = await this.host.readRange(this.path, offset, READ_CHUNK);
          let at = buffer.indexOf(10);
          while (at !== -1) {
            this.count++;
            if (this.count % INDEX_EVERY === 0) this.index.push(offset + at + 1);
            at = buffer.indexOf(10, at + 1);
          }
          offset += buffer.length;
          if (buffer.length < READ_CHUNK) break;
        }
      } catch {
        // No log yet (or unreadable): what was counted stands.
      }
      // A torn last line (a crash mid-write) has no newline: it is not counted.
      this.bytes = offset;
    })();
    return this.indexed;
  }

  /** The lines between two byte offsets, as text, read a chunk at a time. */
  private async *rawLines(from: number, to: number): AsyncGenerator<string> {
    let carry: Buffer = Buffer.alloc(0);
    for (let offset = from; offset < to; ) {
      const chunk = await this.host.readRange(this.path, offset, Math.min(READ_CHUNK, to - offset));
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
}

function parseLine(raw: string): LogLine | null {
  try {
    const line = JSON.parse(raw) as LogLine;
    return typeof line.text === 'string' ? line : null;
  } catch {
    return null;
  }
}
