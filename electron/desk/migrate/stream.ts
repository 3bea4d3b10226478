// What both routes of a transfer share: the stream's two folders, the one stop for every
// process of it, and where the source tar's stderr (its progress lines) goes.
import { DeskError } from '../../../shared/errors';
import type { Host } from '../host/host';

export interface StreamEnds {
  from: Host;
  fromDir: string;
  to: Host;
  toDir: string;
  /** The caller's cancel, or either side failing: every process of the stream ends. */
  stop: AbortSignal;
  /** Pieces of the source tar's stderr as they come. */
  onSourceStderr: (text: string) => void;
}

export const KILL_GRACE_MS = 2000;

export function cancelled(): DeskError {
  return new DeskError('INTERNAL', 'The transfer was cancelled.', { cancelled: true });
}

/** tar's closing summary, which says only that an earlier line said why. */
const SUMMARY = /Exiting with failure status/;

/** The last line that says why (not a progress line, not tar's summary), or null. */
export function lastWords(stderr: string, skip: RegExp): string | null {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line && !skip.test(line));
  return lines.filter((line) => !SUMMARY.test(line)).pop() ?? lines.pop() ?? null;
}
