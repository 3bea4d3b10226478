import type { RefObject } from 'react';

/** The search field, its "3 of 17" and the previous / next buttons. */
export function LogSearchBox(props: {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery: (q: string) => void;
  onStep: (dir: 1 | -1) => void;
  position: number;
  count: number;
  capped: boolean;
  /** The log engine has not answered this query yet. */
  searching?: boolean;
}) {
  const { inputRef, query, onQuery, onStep, position, count, capped, searching = false } = props;
  const total = `${count.toLocaleString('en-US')}${capped ? '+' : ''}`;
  const status = !query ? '' : searching ? 'Searching…' : count === 0 ? 'No matches' : position > 0 ? `${position} of ${total}` : `${total} matches`;
  return (
    <div className="log-search" role="search">
      <input
        ref={inputRef}
        type="search"
        className="input mono"
        placeholder="Search (Ctrl+F)"
        aria-label="Search log"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape' && query) {
            // Esc clears the search first; a second Esc closes the dialog.
            e.preventDefault();
            e.stopPropagation();
            onQuery('');
          }
        }}
      />
      <span className="log-search-count small muted" aria-live="polite">
        {status}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={count === 0}
        onClick={() => onStep(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={count === 0}
        onClick={() => onStep(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
    </div>
  );
}
