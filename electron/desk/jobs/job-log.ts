// A job's log: NDJSON on disk, appended in batches, read by line offset without ever
// loading the whole file. A sparse index (the byte offset of every 1,000th line) makes
// the tail of a million-line log one short read.
import { closeSync, createReadStream, fstatSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JobLogPage, LogLine, LogStream } from '../../../shared/jobs';

const INDEX_EVERY = 1000;
/** runsc's own lines are batched to at most ~20 messages a second per job. */
export const FLUSH_MS = 50;
const MAX_LINE_CHARS = 1_000_000;

export type LogListener = (from: number, lines: LogLine[]) => void;

export class JobLog {
  private fd: number | null = null;
  private bytes = 0;
  private count = 0;
  private readonly index: number[] = [0];
  private pending: LogLine[] = [];
  private pendingFrom = 0;
  private timer: NodeJS.Timeout | null = null;
  private indexed: Promise<void> | null = null;

  private constructor(
    readonly path: string,
    private readonly onLines: LogListener,
  ) {}

  /** A new log, for a job that is starting. */
  static create(path: string, onLines: LogListener): JobLog {
    const log = new JobLog(path, onLines);
    log.fd = openSync(path, 'a', 0o600);
    log.bytes = fstatSync(log.fd).size;
    log.indexed = Promise.resolve();
    return log;
  }

  /** An existing log, read-only until reopened; indexed on first read. */
  static existing(path: string): JobLog {
    return new JobLog(path, () => {});
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
    if (this.pending.length === 0 || this.fd === null) return;
    const lines = this.pending;
    const from = this.pendingFrom;
    this.pending = [];
    const parts: string[] = new Array(lines.length);
    let bytes = this.bytes;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // Written by hand: only the text needs escaping, and this runs per line of runsc's output.
      const part = `{"t":${line.t},"stream":"${line.stream}","text":${JSON.stringify(line.text)}}\n`;
      parts[i] = part;
      bytes += Buffer.byteLength(part);
      this.count++;
      if (this.count % INDEX_EVERY === 0) this.index.push(bytes);
    }
    writeSync(this.fd, parts.join(''));
    this.bytes = bytes;
    this.onLines(from, lines);
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  async read(offset = 0, limit = 1000): Promise<JobLogPage> {
    this.flush();
    await this.ensureIndexed();
    const start = Math.min(offset, this.count);
    const block = Math.floor(start / INDEX_EVERY);
    const lines: LogLine[] = [];
    if (start < this.count) {
      const stream = createReadStream(this.path, { start: this.index[block], end: Math.max(this.bytes - 1, 0), encoding: 'utf8' });
      const reader = createInterface({ input: stream, crlfDelay: Infinity });
      let at = block * INDEX_EVERY;
      for await (const raw of reader) {
        // A torn last line (no newline) is not counted, so it is not read either.
        if (at >= this.count) break;
        if (at >= start) {
          const line = parseLine(raw);
          if (line) lines.push(line);
          if (lines.length >= limit) break;
        }
        at++;
      }
      reader.close();
      stream.destroy();
    }
    return { lines, next: start + lines.length, total: this.count };
  }

  /** For a log from disk: count its lines and build the index, streaming. */
  private ensureIndexed(): Promise<void> {
    this.indexed ??= new Promise<void>((resolve) => {
      const stream = createReadStream(this.path);
      let offset = 0;
      stream.on('data', (chunk: Buffer | string) => {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        let at = buffer.indexOf(10);
        let last = 0;
        while (at !== -1) {
          this.count++;
          if (this.count % INDEX_EVERY === 0) this.index.push(offset + at + 1);
          last = at + 1;
          at = buffer.indexOf(10, last);
        }
        offset += buffer.length;
      });
      // A torn last line (a crash mid-write) has no newline: it is not counted.
      stream.on('close', () => {
        this.bytes = offset;
        resolve();
      });
      stream.on('error', () => resolve());
    });
    return this.indexed;
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
