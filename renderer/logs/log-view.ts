// One job's log as the page sees it: the engine's counts, folds and matches, and the
// lines of the window in view. Lines outside the window are not here; the panel asks
// for the rows it shows (show) and re-renders when they arrive.
import type { LogLine } from '../../shared/jobs';
import type { Fold } from './log-folds';
import type { LogSnapshot, ToEngine } from './log-protocol';
import type { Match } from './log-search';

export class LogView {
  start = 0;
  length = 0;
  total = 0;
  /** Bumped on every snapshot; React re-renders the rows when it moves. */
  version = 0;
  loading = true;
  error: string | null = null;
  folds: readonly Fold[] = [];
  matches: readonly Match[] = [];
  /** The query `matches` answer; until it equals the page's query, the search is running. */
  matchQuery = '';
  capped = false;
  private window: LogSnapshot['window'] = { from: 0, lines: [] };
  private listeners = new Set<() => void>();
  private shown: string | null = null;
  private query = '';

  constructor(
    readonly jobId: string,
    private readonly send: (message: ToEngine) => void,
  ) {}

  /** Offset one past the last line the engine holds. */
  get end(): number {
    return this.start + this.length;
  }
  /** Lines before `start` that the engine dropped or never loaded. */
  get trimmed(): boolean {
    return this.start > 0;
  }
  get missing(): number {
    return Math.max(0, this.total - this.end);
  }

  /** The line at a position of the log held (0 = start), when it is in the window. */
  at(index: number): LogLine | undefined {
    return this.window.lines[this.start + index - this.window.from];
  }

  /** The offsets [from, to) in view; `follow` keeps the window at the end. */
  show(from: number, to: number, follow: boolean): void {
    const key = follow ? `follow:${to - from}` : `${from}:${to}`;
    if (key === this.shown) return;
    this.shown = key;
    this.send({ type: 'view', jobId: this.jobId, from, to, follow });
  }

  /** Asks the engine for this query's matches; they come with a later snapshot. */
  search(query: string): void {
    if (query === this.query) return;
    this.query = query;
    this.send({ type: 'search', jobId: this.jobId, query });
  }

  /** Whether `matches` are those of the query the page has. */
  answers(query: string): boolean {
    return this.matchQuery === query;
  }

  take(snapshot: LogSnapshot): void {
    this.start = snapshot.start;
    this.length = snapshot.length;
    this.total = snapshot.total;
    this.loading = snapshot.loading;
    this.error = snapshot.error;
    this.capped = snapshot.capped;
    this.window = reuseLines(this.window, snapshot.window);
    if (snapshot.folds) this.folds = snapshot.folds;
    if (snapshot.matches) {
      this.matches = snapshot.matches;
      this.matchQuery = snapshot.query;
    }
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get subscribers(): number {
    return this.listeners.size;
  }
}

/**
 * The new window, with the line objects the page already had where offsets overlap:
 * a line never changes once written, and the same object lets the rows skip a render.
 */
function reuseLines(before: LogSnapshot['window'], after: LogSnapshot['window']): LogSnapshot['window'] {
  const lines = after.lines;
  for (let i = 0; i < lines.length; i++) {
    const old = before.lines[after.from + i - before.from];
    const line = lines[i]!;
    if (old && old.t === line.t && old.stream === line.stream && old.text.length === line.text.length) lines[i] = old;
  }
  return after;
}
