// Go stacks in a job's log, folded: a `goroutine N [running]:` or `panic:` block shows
// its first line and its first gVisor frame until the person opens it. A restore that
// failed on another runsc's image prints 80 lines of stack for one line of cause.
import { findStackBlocks } from '../../shared/runsc-stderr';
import type { LogBuffer } from './log-buffer';

/** One Go stack, by offsets in the whole log (inclusive). */
export interface Fold {
  start: number;
  /** The first gVisor frame's line, shown while folded; null when the stack has none. */
  frame: number | null;
  end: number;
  /** Lines hidden while folded. */
  hidden: number;
}

const STARTS = ['goroutine ', 'panic: ', 'fatal error: '];
/** A stack longer than this is still folded, but only its first part. */
const MAX_BLOCK = 20_000;

/** The stacks on runsc's stderr: only consecutive stderr lines make one block. */
export function findFolds(buffer: LogBuffer): Fold[] {
  return scanFolds(buffer, buffer.start).folds;
}

/**
 * The folds among the lines from offset `from` on, and the offset up to which they are
 * final: a stack, or what may start one, that runs to the buffer's end may still grow.
 */
function scanFolds(buffer: LogBuffer, from: number): { folds: Fold[]; settled: number } {
  const folds: Fold[] = [];
  let settled = buffer.end;
  for (let i = Math.max(0, from - buffer.start); i < buffer.length; i++) {
    const line = buffer.at(i)!;
    if (line.stream !== 'stderr' || !STARTS.some((s) => line.text.startsWith(s))) continue;
    const run: string[] = [];
    for (let j = i; j < buffer.length && run.length < MAX_BLOCK; j++) {
      const next = buffer.at(j)!;
      if (next.stream !== 'stderr') break;
      run.push(next.text);
    }
    if (i + run.length === buffer.length && run.length < MAX_BLOCK) settled = Math.min(settled, buffer.start + i);
    const block = findStackBlocks(run)[0];
    if (!block || block.startLine !== 0 || block.endLine === 0) continue;
    const start = buffer.start + i;
    const frame = block.firstGvisorFrameLine === null ? null : start + block.firstGvisorFrameLine;
    const end = start + block.endLine;
    folds.push({ start, frame, end, hidden: block.endLine + 1 - (frame === null ? 1 : 2) });
    i += block.endLine;
  }
  return { folds: folds.filter((f) => f.hidden > 0), settled };
}

/**
 * findFolds kept up to date as a log streams: each update reads only the lines since the
 * last one (from a stack still open there). Reading the whole buffer on every batch cost
 * the log worker a scan of up to 200,000 lines twenty times a second, on the cores the
 * page paints with. The same array comes back while nothing changed, so it is sent once.
 */
export class FoldTracker {
  private folds: Fold[] = [];
  /** Lines before this offset are final; an open stack starts here. */
  private settled = 0;

  update(buffer: LogBuffer): Fold[] {
    const from = Math.max(this.settled, buffer.start);
    const found = scanFolds(buffer, from);
    this.settled = found.settled;
    const next = [...this.folds.filter((f) => f.start >= buffer.start && f.start < from), ...found.folds];
    if (next.length !== this.folds.length || next.some((f, i) => !sameFold(f, this.folds[i]!))) this.folds = next;
    return this.folds;
  }
}

function sameFold(a: Fold, b: Fold): boolean {
  return a.start === b.start && a.end === b.end && a.frame === b.frame && a.hidden === b.hidden;
}

/**
 * The rows the virtual list shows: the buffer's lines less those a closed fold hides.
 * Row i shows the line at offsetAt(i); without closed folds that is start + i.
 */
export class RowMap {
  readonly count: number;
  private readonly offsets: Int32Array | null;

  constructor(
    private readonly start: number,
    length: number,
    private readonly closed: readonly Fold[],
  ) {
    if (closed.length === 0) {
      this.offsets = null;
      this.count = length;
      return;
    }
    const rows: number[] = [];
    let f = 0;
    for (let offset = start; offset < start + length; offset++) {
      while (f < closed.length && closed[f]!.end < offset) f++;
      const fold = closed[f];
      if (fold && offset > fold.start && offset <= fold.end && offset !== fold.frame) continue;
      rows.push(offset);
    }
    this.offsets = Int32Array.from(rows);
    this.count = rows.length;
  }

  offsetAt(row: number): number {
    return this.offsets ? this.offsets[row]! : this.start + row;
  }

  /** The row showing `offset`, or the row of the closed fold that hides it. */
  rowOf(offset: number): number {
    if (!this.offsets) return offset - this.start;
    const fold = this.hiding(offset);
    const target = fold ? fold.start : offset;
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether `offset` is the frame a closed fold shows under its first line. */
  isFoldFrame(offset: number): boolean {
    return this.closed.some((f) => f.frame === offset);
  }

  /** The closed fold that hides `offset`, if one does. */
  hiding(offset: number): Fold | undefined {
    return this.closed.find((f) => offset > f.start && offset <= f.end && offset !== f.frame);
  }
}
