// The log engine: every job's lines, their folds and searches, kept where parsing and
// scanning cannot stall the page's frames (a Web Worker; the same thread in tests or
// where there is no Worker). The page says what it shows; the engine answers with
// snapshots that carry only the lines in view.
import type { JobLogPage } from '../../shared/jobs';
import type { LogBuffer } from './log-buffer';
import { LogBufferStore, type LogBufferStoreOptions } from './log-buffer-store';
import { FoldTracker, type Fold } from './log-folds';
import type { FromEngine, LogSnapshot, ToEngine } from './log-protocol';
import { FOLLOW_SLACK, MAX_WINDOW, WINDOW_MARGIN } from './log-protocol';
import { SearchIndex, type Match } from './log-search';

export interface LogEngineOptions extends LogBufferStoreOptions {
  /** Sends a message to the page. */
  post(message: FromEngine): void;
  getJobLog(request: { jobId: string; offset: number; limit: number }): Promise<JobLogPage>;
  /** Snapshots of a busy log are sent at most this often; 0 sends each change at once. */
  throttleMs?: number;
}

interface Watched {
  watchers: number;
  buffer: LogBuffer;
  unsubscribe: () => void;
  /** null until a panel shows the log: then only counts are sent. */
  view: { from: number; to: number; follow: boolean } | null;
  query: string;
  index: SearchIndex;
  sentMatches: Match[] | null;
  sentQuery: string | null;
  folds: Fold[];
  foldTracker: FoldTracker;
  foldsVersion: number;
  sentFolds: Fold[] | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class LogEngine {
  private readonly store: LogBufferStore;
  private readonly watched = new Map<string, Watched>();
  private version = 0;

  constructor(private readonly options: LogEngineOptions) {
    this.store = new LogBufferStore({ getJobLog: (request) => options.getJobLog(request as { jobId: string; offset: number; limit: number }) }, options);
  }

  handle(message: ToEngine): void {
    switch (message.type) {
      case 'watch':
        return this.watch(message.jobId);
      case 'unwatch':
        return this.unwatch(message.jobId);
      case 'view': {
        const w = this.watched.get(message.jobId);
        if (!w) return;
        w.view = { from: message.from, to: message.to, follow: message.follow };
        return this.schedule(message.jobId, w, true);
      }
      case 'search': {
        const w = this.watched.get(message.jobId);
        if (!w || w.query === message.query) return;
        w.query = message.query;
        // At once: a person is waiting for the count.
        return this.flush(message.jobId, w);
      }
      case 'fill':
        void this.store.fill(message.jobId).finally(() => {
          const w = this.watched.get(message.jobId);
          if (w) this.flush(message.jobId, w);
          this.options.post({ type: 'filled', requestId: message.requestId });
        });
        return;
      case 'fullText':
        this.store.fullText(message.jobId).then(
          (pieces) => this.options.post({ type: 'fullText', requestId: message.requestId, pieces }),
          (error: unknown) => this.options.post({ type: 'fullText', requestId: message.requestId, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'log':
        return this.store.take(message.event);
      default:
        return;
    }
  }

  private watch(jobId: string): void {
    const existing = this.watched.get(jobId);
    if (existing) {
      existing.watchers += 1;
      return this.schedule(jobId, existing, true);
    }
    const buffer = this.store.open(jobId);
    const w: Watched = {
      watchers: 1,
      buffer,
      unsubscribe: () => {},
      view: null,
      query: '',
      index: new SearchIndex(),
      sentMatches: null,
      sentQuery: null,
      folds: [],
      foldTracker: new FoldTracker(),
      foldsVersion: -1,
      sentFolds: null,
      timer: null,
    };
    // The buffer's own subscription also keeps it from being evicted while watched.
    w.unsubscribe = buffer.subscribe(() => this.schedule(jobId, w, false));
    this.watched.set(jobId, w);
    this.schedule(jobId, w, true);
  }

  private unwatch(jobId: string): void {
    const w = this.watched.get(jobId);
    if (!w || --w.watchers > 0) return;
    w.unsubscribe();
    if (w.timer) clearTimeout(w.timer);
    this.watched.delete(jobId);
  }

  /** A change to send: at once when the page asked, else batched with the next ones. */
  private schedule(jobId: string, w: Watched, asked: boolean): void {
    const throttle = this.options.throttleMs ?? 0;
    if (throttle === 0) return this.flush(jobId, w);
    if (asked) {
      if (w.timer) clearTimeout(w.timer);
      w.timer = setTimeout(() => this.flush(jobId, w), 0);
    } else if (!w.timer) {
      w.timer = setTimeout(() => this.flush(jobId, w), throttle);
    }
  }

  private flush(jobId: string, w: Watched): void {
    if (w.timer) clearTimeout(w.timer);
    w.timer = null;
    if (this.watched.get(jobId) !== w) return;
    const { buffer } = w;
    if (w.foldsVersion !== buffer.version) {
      w.folds = w.foldTracker.update(buffer);
      w.foldsVersion = buffer.version;
    }
    const matches = w.index.update(buffer, w.query);
    const snapshot: LogSnapshot = {
      jobId,
      version: ++this.version,
      start: buffer.start,
      length: buffer.length,
      total: Math.max(buffer.total, buffer.end),
      loading: this.store.loading(jobId),
      error: this.store.error(jobId),
      query: w.query,
      capped: w.index.capped,
      window: this.window(w),
    };
    if (w.folds !== w.sentFolds) snapshot.folds = w.sentFolds = w.folds;
    if (matches !== w.sentMatches || w.query !== w.sentQuery) {
      snapshot.matches = w.sentMatches = matches;
      w.sentQuery = w.query;
    }
    this.options.post({ type: 'snapshot', snapshot });
  }

  /** The lines in view and a margin; at the end while following. */
  private window(w: Watched): LogSnapshot['window'] {
    const { buffer, view } = w;
    if (!view) return { from: buffer.end, lines: [] };
    const rows = Math.max(0, view.to - view.from);
    const span = Math.min(MAX_WINDOW, rows + 2 * WINDOW_MARGIN);
    let from: number;
    let to: number;
    if (view.follow) {
      // At the end, only the rows in view and a screenful above: the page sends these many times a second.
      to = buffer.end;
      from = Math.max(buffer.start, to - Math.min(MAX_WINDOW, 2 * rows + FOLLOW_SLACK));
    } else {
      from = Math.max(buffer.start, view.from - WINDOW_MARGIN);
      to = Math.min(buffer.end, from + span);
    }
    const lines = [];
    for (let offset = from; offset < to; offset++) lines.push(buffer.at(offset - buffer.start)!);
    return { from, lines };
  }
}
