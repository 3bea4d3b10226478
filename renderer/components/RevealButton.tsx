import { useState } from 'react';
import { canReveal, reveal } from '../lib/desktop';

/**
 * "Reveal in file manager": the desktop shell only. The headless shell's browser may
 * run on another machine than the files, so there it shows nothing.
 */
export function RevealButton({ path, label = 'Reveal in file manager' }: { path: string; label?: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!canReveal()) return null;
  return (
    <span className="reveal-button">
      <button
        type="button"
        className="button small"
        title={`${label}: ${path}`}
        onClick={() => {
          setProblem(null);
          reveal(path).catch((error: unknown) => setProblem((error as { message?: string }).message ?? String(error)));
        }}
      >
        {label}
      </button>
      {problem && (
        <span className="small text-warning" role="status">
          {problem}
        </span>
      )}
    </span>
  );
}
