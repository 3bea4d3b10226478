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
const SEPARATOR = '},{"t":';

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
    // One JSON.stringify for the batch (far faster than one per line, and the event socket
    // sends the same text). Its objects are {"t":…,"stream":…,"text":…}, as append makes
    // them, and the sequence },{"t": never occurs inside a JSON string (its quote would be
    // escaped), so the NDJSON is the array's inside with that comma made a newline. Bytes
    // are counted on the JSON itself: a comma and a newline are one byte each, and the
    // brackets give way to the last newline.
    const json = JSON.stringify(lines);
    const total = Buffer.byteLength(json) - 1;
    // In ASCII, byte counts are char counts (JSON escapes control characters, not others).
    const ascii = total === json.length - 1;
    let bytes = this.bytes;
    // The index: the byte offset after every INDEX_EVERY-th line of the whole log.
    let measured = 1;
    for (let at = json.indexOf(SEPARATOR); ; at = json.indexOf(SEPARATOR, at + 1)) {
      // Where this line's object ends in the JSON: before its comma, or before the ']'.
      const end = at === -1 ? json.length - 1 : at + 1;
      this.count++;
      if (this.count % INDEX_EVERY === 0) {
        bytes += (ascii ? end - measured : Buffer.byteLength(json.slice(measured, end))) + 1;
        measured = end + 1;
        this.index.push(bytes);
      }
      if (at === -1) break;
    }
    // The last newline is written apart: appending it would copy megabytes once more.
    this.file.write(json.slice(1, -1).replaceAll(SEPARATOR, '}\n{"t":'));
    this.file.write('\n');
    this.bytes += total;
    rememberLinesJson(lines, json);
    this.onLines(from, lines);
  }

  close(): void {
    this.flush();
    this.file?.close();
    this.file = null;
  }

  async read(offset = 0, limit = 1000): Promise<JobLogPage> {
    this.flush();
    await this.ensureIndexed();
    const start = Math.min(offset, this.count);
    const block = Math.floor(start / INDEX_EVERY);
    const lines: LogLine[] = [];
    if (start < this.count) {
      let at = block * INDEX_EVERY;
      for await (const raw of this.rawLines(this.index[block]!, this.bytes)) {
        // A torn last line (no newline) is not counted, so it is not read either.
        if (at >= this.count) break;
        if (at >= start) {
          const line = parseLine(raw);
          if (line) lines.push(line);
          if (lines.length >= limit) break;
        }
        at++;
      }
    }
    return { lines, next: start + lines.length, total: this.count };
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
