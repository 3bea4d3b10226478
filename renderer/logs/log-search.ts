// Plain-text, case-insensitive search over a LogBuffer. New lines are scanned as they
// arrive, never the whole log again, so a live search costs only what is new.
import { plainText } from './ansi';
import type { LogBuffer } from './log-buffer';
import { mayContain, searchProbe } from './search-probe';

export interface Match {
  /** Offset of the line in the whole log. */
  line: number;
  /** Character index of the match in the line. */
  start: number;
  length: number;
}

/** Past this, the counter says "10,000+" and new lines are not searched. */
export const MAX_MATCHES = 10_000;

export function findInText(text: string, needle: string, line: number, out: Match[], max = MAX_MATCHES): void {
  if (!needle) return;
  const hay = text.toLowerCase();
  let at = hay.indexOf(needle);
  while (at !== -1 && out.length < max) {
    out.push({ line, start: at, length: needle.length });
    at = hay.indexOf(needle, at + needle.length);
  }
}

const before = (a: Match, b: Match) => a.line < b.line || (a.line === b.line && a.start < b.start);
const same = (a: Match, b: Match) => a.line === b.line && a.start === b.start;

/** Where `m` sits in `matches` (sorted), or -1. */
export function matchIndex(matches: readonly Match[], m: Match | null): number {
  if (!m) return -1;
  let lo = 0;
  let hi = matches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = matches[mid]!;
    if (same(x, m)) return mid;
    if (before(x, m)) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The next (dir 1) or previous (dir -1) match after `current`, wrapping around. With
 * no current match, the first at or after line `fromLine` (or the last before it).
 */
export function stepMatch(
  matches: readonly Match[],
  current: Match | null,
  dir: 1 | -1,
  fromLine = 0,
): Match | null {
  if (matches.length === 0) return null;
  if (current) {
    const i = matchIndex(matches, current);
    if (i !== -1) return matches[(i + dir + matches.length) % matches.length]!;
    // The current match was trimmed away or the query changed: find its neighbour.
    const probe = { line: current.line, start: current.start, length: 0 };
    const after = matches.findIndex((m) => before(probe, m));
    if (dir === 1) return matches[after === -1 ? 0 : after]!;
    const prev = (after === -1 ? matches.length : after) - 1;
    return matches[prev < 0 ? matches.length - 1 : prev]!;
  }
  const first = matches.find((m) => m.line >= fromLine);
  return dir === 1 ? (first ?? matches[0]!) : (first ?? matches[matches.length - 1]!);
}

/** Keeps the matches of one query over one buffer, scanning only what is new. */
export class SearchIndex {
  matches: Match[] = [];
  capped = false;
  private needle = '';
  private buffer: LogBuffer | null = null;
  private scannedTo = 0;

  update(buffer: LogBuffer, query: string): Match[] {
    const needle = query.toLowerCase();
    if (needle !== this.needle || buffer !== this.buffer || this.scannedTo < buffer.start || this.scannedTo > buffer.end) {
      this.needle = needle;
      this.buffer = buffer;
      this.matches = [];
      this.capped = false;
      this.scannedTo = buffer.start;
    }
    if (!needle) {
      this.scannedTo = buffer.end;
      return this.matches;
    }
    if (this.matches.length > 0 && this.matches[0]!.line < buffer.start) {
      this.matches = this.matches.filter((m) => m.line >= buffer.start);
      this.capped = false;
    }
    if (buffer.end > this.scannedTo && !this.capped) {
      const found = this.matches.slice();
      const probe = searchProbe(needle);
      for (let abs = this.scannedTo; abs < buffer.end && found.length < MAX_MATCHES; abs++) {
        const text = plainText(buffer.at(abs - buffer.start)!.text);
        if (mayContain(text, probe)) findInText(text, needle, abs, found);
      }
      this.capped = found.length >= MAX_MATCHES;
      this.matches = found;
    }
    this.scannedTo = buffer.end;
    return this.matches;
  }
}
