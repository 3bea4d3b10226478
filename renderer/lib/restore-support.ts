// Whether the installed runsc's restore has a flag. The checkpoint options come as a
// catalogue in the overview; restore's are read straight from the probed help.
import type { Overview } from '../../shared/model';
import type { Support } from './option-support';

export function restoreFlagSupport(overview: Overview | null, flag: string): Support {
  if (!overview) return { supported: false, reason: 'Reading runsc…', flag: null, help: null };
  const caps = overview.runsc.capabilities;
  const version = overview.runsc.version;
  if (!caps) return { supported: false, reason: 'runsc’s restore flags are unknown', flag, help: null };
  const spec = caps.subcommands.restore?.find((f) => f.name === flag);
  if (spec) return { supported: true, reason: null, flag, help: spec.help };
  return { supported: false, reason: version ? `Not in runsc ${version}` : 'Not in this runsc', flag, help: null };
}
