// One job's log lines, kept outside React state. Lines are addressed by their offset in
// the job's whole log; the buffer holds a contiguous window [start, end) of it and drops
// the oldest lines past its caps, so a runaway runsc cannot eat the window's memory.
import type { LogLine } from '../../shared/jobs';

export const MAX_LINES = 200_000;
/** UTF-16 code units, about twice as many bytes; a few huge lines trim too. */
export const MAX_CHARS = 32 * 1024 * 1024;

export type AppendResult = 'appended' | 'duplicate' | 'gap';

export class LogBuffer {
  /** Offset of lines[0] in the whole log. */
  start = 0;
  /** Lines the service says the log has; may run ahead of what is here. */
  total = 0;
  /** Bumped on every change; React re-renders the visible rows when it moves. */
  version = 0;
  private lines: LogLine[] = [];
  private chars = 0;
  private listeners = new Set<() => void>();

  constructor(
    readonly maxLines = MAX_LINES,
    readonly maxChars = MAX_CHARS,
  ) {}

  /** Offset one past the last line held. */
  get end(): number {
    return this.start + this.lines.length;
  }
  get length(): number {
    return this.lines.length;
  }
  /** Lines before `start` that this buffer dropped or never loaded. */
  get trimmed(): boolean {
    return this.start > 0;
  }
  /** Lines the service has that are not here yet. */
  get missing(): number {
    return Math.max(0, this.total - this.end);
  }

  /** The line at a position of the window (0 = start). */
  at(index: number): LogLine | undefined {
    return this.lines[index];
  }

  /** Takes the lines that begin at offset `from`; only the part that extends the window. */
  append(from: number, lines: readonly LogLine[]): AppendResult {
    this.noteTotal(from + lines.length, false);
    if (from > this.end) {
      this.changed();
      return 'gap';
    }
    const skip = this.end - from;
    if (skip >= lines.length) return 'duplicate';
    for (let i = skip; i < lines.length; i++) {
      const line = lines[i]!;
      this.lines.push(line);
      this.chars += line.text.length;
    }
    this.trim();
    this.changed();
    return 'appended';
  }

  noteTotal(total: number, notify = true): void {
    if (total <= this.total) return;
    this.total = total;
    if (notify) this.changed();
  }

  /** Forgets every line and continues at `offset`: for logs far longer than the caps. */
  skipTo(offset: number): void {
    this.lines = [];
    this.chars = 0;
    this.start = offset;
    this.changed();
  }

  /** Re-renders the panels without a change of lines (a load finished or failed). */
  touch(): void {
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get subscribers(): number {
    return this.listeners.size;
  }

  private trim(): void {
    let drop = Math.max(0, this.lines.length - this.maxLines);
    let chars = this.chars;
    for (let i = 0; i < drop; i++) chars -= this.lines[i]!.text.length;
    // Keep at least the newest line, however long it is.
    while (chars > this.maxChars && drop < this.lines.length - 1) {
      chars -= this.lines[drop]!.text.length;
      drop += 1;
    }
    if (drop === 0) return;
    this.lines.splice(0, drop);
    this.start += drop;
    this.chars = chars;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}
