import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

/** An icon-only copy button; says "Copied" for a moment, to sighted and screen-reader users alike. */
export function CopyButton({ text, label }: { text: string | (() => string); label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy-button">
      <button
        type="button"
        className="icon-button small-icon"
        aria-label={label}
        title={label}
        onClick={async () => setState((await copyText(typeof text === 'function' ? text() : text)) ? 'copied' : 'failed')}
      >
        {/* Drawn, not a glyph: not every system font has "⧉". */}
        <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="5.5" y="5.5" width="8" height="9" rx="1" fill="none" stroke="currentColor" />
          <path d="M3.5 10.5h-1v-8a1 1 0 0 1 1-1h6v1" fill="none" stroke="currentColor" />
        </svg>
      </button>
      <span className="copy-state small muted" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </span>
  );
}
