// Every job log the window shows, fed by `job:log` events and filled from getJobLog
// when events were missed (the window opened late, the socket reconnected). It runs
// inside the log engine (log-engine.ts), in a Web Worker where there is one; the page
// holds only the lines in view (log-store.ts).
import type { DeskApi, DeskEvents } from '../../shared/api';
import type { LogLine } from '../../shared/jobs';
import { LogBuffer } from './log-buffer';

/** The most getJobLog returns in one page. */
export const PAGE = 10_000;
/** Buffers kept for jobs no panel shows any more. */
const KEEP_IDLE = 6;

export interface LogBufferStoreOptions {
  maxLines?: number;
  maxChars?: number;
}

export function formatLogLine(line: LogLine): string {
  return `${new Date(line.t).toISOString()} ${line.stream.padEnd(6)} ${line.text}`;
}

export class LogBufferStore {
  private buffers = new Map<string, LogBuffer>();
  private filling = new Map<string, Promise<void>>();
  private errors = new Map<string, string>();

  constructor(
    private readonly api: Pick<DeskApi, 'getJobLog'>,
    private readonly options: LogBufferStoreOptions = {},
  ) {}

  /** The buffer of a job, made and filled from the service on first use. */
  open(jobId: string): LogBuffer {
    let buffer = this.buffers.get(jobId);
    if (buffer) {
      // Most recently used last, for eviction.
      this.buffers.delete(jobId);
      this.buffers.set(jobId, buffer);
      return buffer;
    }
    buffer = new LogBuffer(this.options.maxLines, this.options.maxChars);
    this.buffers.set(jobId, buffer);
    this.evict();
    void this.fill(jobId);
    return buffer;
  }

  get(jobId: string): LogBuffer | undefined {
    return this.buffers.get(jobId);
  }

  /** Why the last fill failed, if it did. */
  error(jobId: string): string | null {
    return this.errors.get(jobId) ?? null;
  }

  /** Whether a fill is in flight (the panel says "Loading…"). */
  loading(jobId: string): boolean {
    return this.filling.has(jobId);
  }

  /** A `job:log` event. Only jobs someone opened keep lines; others load when opened. */
  take(event: DeskEvents['job:log']): void {
    const buffer = this.buffers.get(event.jobId);
    if (!buffer) return;
    if (buffer.append(event.from, event.lines) === 'gap') void this.fill(event.jobId);
  }

  /** Fetches pages until the buffer holds the log's end; one fill per job at a time. */
  fill(jobId: string): Promise<void> {
    const running = this.filling.get(jobId);
    if (running) return running;
    const buffer = this.buffers.get(jobId);
    if (!buffer) return Promise.resolve();
    const work = this.fillLoop(jobId, buffer).finally(() => {
      this.filling.delete(jobId);
      buffer.touch(); // "Loading…" is over, or it failed
    });
    this.filling.set(jobId, work);
    return work;
  }

  private async fillLoop(jobId: string, buffer: LogBuffer): Promise<void> {
    this.errors.delete(jobId);
    // A bound, in case a service keeps promising lines it never sends.
    for (let guard = 0; guard < 1000; guard++) {
      if (this.buffers.get(jobId) !== buffer) return;
      // A log far past the cap: only its tail can be held, so start there.
      if (buffer.total - buffer.end > buffer.maxLines) buffer.skipTo(buffer.total - buffer.maxLines);
      const offset = buffer.end;
      let page;
      try {
        page = await this.api.getJobLog({ jobId, offset, limit: PAGE });
      } catch (error) {
        this.errors.set(jobId, error instanceof Error ? error.message : String(error));
        return;
      }
      buffer.noteTotal(page.total, false);
      if (page.lines.length > 0) buffer.append(offset, page.lines);
      if (page.lines.length === 0 || buffer.end >= buffer.total) {
        if (buffer.total - buffer.end > buffer.maxLines) continue;
        return;
      }
    }
  }

  /**
   * The whole log as text pieces (one per page), for Copy all and Download. From the
   * buffer when it holds everything, else read again from the service.
   */
  async fullText(jobId: string): Promise<string[]> {
    const buffer = this.buffers.get(jobId);
    if (buffer && !buffer.trimmed && buffer.missing === 0) {
      const out: string[] = [];
      for (let i = 0; i < buffer.length; i++) out.push(`${formatLogLine(buffer.at(i)!)}\n`);
      return [out.join('')];
    }
    const pieces: string[] = [];
    let offset = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const page = await this.api.getJobLog({ jobId, offset, limit: PAGE });
      if (page.lines.length === 0) break;
      pieces.push(page.lines.map((l) => `${formatLogLine(l)}\n`).join(''));
      offset += page.lines.length;
      if (offset >= page.total) break;
    }
    return pieces;
  }

  private evict(): void {
    const idle = [...this.buffers].filter(([, b]) => b.subscribers === 0);
    for (const [jobId] of idle.slice(0, Math.max(0, idle.length - KEEP_IDLE))) this.buffers.delete(jobId);
  }
}
