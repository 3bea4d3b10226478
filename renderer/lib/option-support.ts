import type { Overview } from '../../shared/model';

export interface Support {
  supported: boolean;
  /** Why the control is disabled; null when it is not. */
  reason: string | null;
  flag: string | null;
  help: string | null;
}

/** Whether the installed runsc has a checkpoint option, and the words to say so. */
export function optionSupport(overview: Overview | null, option: string): Support {
  if (!overview) return { supported: false, reason: 'Reading runsc…', flag: null, help: null };
  const entry = overview.checkpointOptions.find((o) => o.option === option);
  if (entry?.supported) return { supported: true, reason: null, flag: entry.flag, help: entry.help };
  const version = overview.runsc.version;
  return {
    supported: false,
    reason: version ? `Not in runsc ${version}` : 'Not in this runsc',
    flag: entry?.flag ?? null,
    help: entry?.help ?? null,
  };
}

/** "compression" → "--compression"; the catalogue keeps some without dashes. */
export const dashed = (flag: string) => (flag.startsWith('-') ? flag : `--${flag}`);
