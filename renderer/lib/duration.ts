/** 850 → "850 ms", 12_400 → "12 s", 184_000 → "3 min 04 s", 3_720_000 → "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A span that may still be open: `end` null means "until now". */
export function spanMs(start: number | null, end: number | null, now: number): number | null {
  if (start === null) return null;
  return (end ?? now) - start;
}
