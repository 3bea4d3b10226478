/** "just now", "3 min ago", "2 h ago", "5 days ago"; the exact time goes in a title. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  // A few seconds of skew between runsc's clock and ours reads as "just now".
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 60) return seconds < -60 ? 'in the future' : 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 60) return days === 1 ? '1 day ago' : `${days} days ago`;
  return new Date(then).toISOString().slice(0, 10);
}
