import type { ReactNode } from 'react';

/** The text with every match of `needle` marked; the one at `current` marked as current. */
export function highlight(text: string, needle: string, current: number | null): ReactNode {
  if (!needle) return text;
  const hay = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  let at = hay.indexOf(needle);
  while (at !== -1) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className={at === current ? 'hit current' : 'hit'}>
        {text.slice(at, at + needle.length)}
      </mark>,
    );
    from = at + needle.length;
    at = hay.indexOf(needle, from);
  }
  if (from === 0) return text;
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}
