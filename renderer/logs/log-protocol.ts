// The messages between the page and the log engine (a Web Worker, or the same thread
// where there is none). The engine holds every line; the page gets only the lines in
// view, the folds and the search's matches.
import type { DeskEventName, DeskEvents } from '../../shared/api';
import type { JobLogPage, LogLine } from '../../shared/jobs';
import type { Fold } from './log-folds';
import type { Match } from './log-search';

/** What the page shows of one job's log. */
export interface LogSnapshot {
  jobId: string;
  /** Bumped by the engine on every change. */
  version: number;
  /** Offset of the first line the engine holds; lines before it were dropped. */
  start: number;
  length: number;
  /** Lines the service says the log has. */
  total: number;
  loading: boolean;
  error: string | null;
  /** Absent when unchanged since the last snapshot: the page keeps its own. */
  folds?: Fold[];
  /** The query `matches` are of; it may lag the page's newest one by a message. */
  query: string;
  /** Absent when unchanged since the last snapshot. */
  matches?: Match[];
  capped: boolean;
  /** The lines at offsets [from, from + lines.length): the window the page asked for. */
  window: { from: number; lines: LogLine[] };
}

export type ToEngine =
  | { type: 'watch'; jobId: string }
  | { type: 'unwatch'; jobId: string }
  /** The offsets in view; `follow` keeps the window at the end as lines arrive. */
  | { type: 'view'; jobId: string; from: number; to: number; follow: boolean }
  | { type: 'search'; jobId: string; query: string }
  | { type: 'fill'; jobId: string; requestId: number }
  | { type: 'fullText'; jobId: string; requestId: number }
  /** A `job:log` event the page received (the desktop shell's IPC). */
  | { type: 'log'; event: DeskEvents['job:log'] }
  /** The answer to a getJobLog the engine asked the page for. */
  | { type: 'page'; requestId: number; page?: JobLogPage; error?: string }
  /** The page listens to (or stops listening to) an event of the engine's socket. */
  | { type: 'listen'; event: DeskEventName; on: boolean };

export type FromEngine =
  | { type: 'snapshot'; snapshot: LogSnapshot }
  | { type: 'filled'; requestId: number }
  | { type: 'fullText'; requestId: number; pieces?: string[]; error?: string }
  /** The engine has no HTTP of its own (the desktop shell): the page reads the page. */
  | { type: 'getJobLog'; requestId: number; request: { jobId: string; offset: number; limit: number } }
  | { type: 'event'; event: DeskEventName; payload: unknown };

/** How the worker reaches the service, sent as its first message. */
export type EngineInit =
  | { type: 'init'; mode: 'http'; origin: string; token: string | null; eventsUrl: string }
  | { type: 'init'; mode: 'page' };

/** Lines sent beyond each edge of the window in view, so a scroll rarely waits. */
export const WINDOW_MARGIN = 150;
/** Lines beyond a screenful sent at the end while following (rows in view may grow a little). */
export const FOLLOW_SLACK = 40;
/** The most lines one snapshot carries, whatever the page asks. */
export const MAX_WINDOW = 2_000;
