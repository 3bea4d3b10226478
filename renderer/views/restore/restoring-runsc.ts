import type { RestorePlan } from '../../../shared/images';
import type { Overview } from '../../../shared/model';
import type { Support } from '../../lib/option-support';
import { restoreFlagSupport } from '../../lib/restore-support';

/**
 * Whether the runsc that will restore (the plan's, often not the default: the version
 * that made the image) has --direct or --background.
 */
export function restoringSupport(overview: Overview | null, plan: RestorePlan | null, flag: 'direct' | 'background'): Support {
  const path = plan?.resolved.runsc;
  const binary = path && path !== overview?.runsc.path ? overview?.runscBinaries?.find((b) => b.path === path || b.alsoAt.includes(path)) : undefined;
  if (!binary || binary.error) return restoreFlagSupport(overview, flag);
  return binary.restoreOptions[flag]
    ? { supported: true, reason: null, flag, help: null }
    : { supported: false, reason: `Not in runsc ${binary.version ?? 'of this binary'}`, flag, help: null };
}
