import { relativeTime } from '../lib/relative-time';
import { useNow } from '../lib/use-now';

/** "3 min ago", with the exact time on hover. */
export function RelativeTime({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {relativeTime(iso, now)}
    </time>
  );
}
