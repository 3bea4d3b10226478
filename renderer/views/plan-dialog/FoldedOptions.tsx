import type { ReactNode } from 'react';
import type { Support } from '../../lib/option-support';

export interface OptionEntry {
  key: string;
  support: Support;
  node: ReactNode;
}

/** "3 options need a newer runsc": the summary line of the options this runsc lacks. */
export function foldedSummary(entries: readonly OptionEntry[]): string {
  const n = entries.length;
  if (entries.every((e) => e.support.reason === 'Reading runsc…')) return 'Reading runsc…';
  return `${n} ${n === 1 ? 'option needs' : 'options need'} a newer runsc`;
}

/**
 * The options this runsc has, in view; the ones it lacks folded into one line that
 * opens on demand, so a person reads what they can use and not a wall of "Not in runsc".
 */
export function FoldedOptions({ entries, legend = 'Options' }: { entries: OptionEntry[]; legend?: string }) {
  const usable = entries.filter((e) => e.support.supported);
  const lacking = entries.filter((e) => !e.support.supported);
  return (
    <>
      {usable.length > 0 && (
        <fieldset className="options">
          <legend>{legend}</legend>
          {usable.map((e) => (
            <div key={e.key}>{e.node}</div>
          ))}
        </fieldset>
      )}
      {lacking.length > 0 && (
        <details className="unsupported-options" data-testid="unsupported-options">
          <summary className="small muted">{foldedSummary(lacking)}</summary>
          {lacking.map((e) => (
            <div key={e.key}>{e.node}</div>
          ))}
        </details>
      )}
    </>
  );
}
