// Which leave-running semantics this runsc has. Before April 2024 a leave-running
// checkpoint killed the sandbox, restored it, and waited for it to exit: the call never
// returned while the container ran. Since then the sandbox resumes in place.
import type { Capabilities } from '../../../shared/model';

const RESUMES_IN_PLACE_SINCE = 20240401;

/** The build date in the version ("0.0~20221219.0", "release-20260817.0"), or null. */
export function buildDate(caps: Capabilities): number | null {
  const match = /(20\d{6})/.exec(caps.version);
  return match ? Number(match[1]) : null;
}

export function resumesInPlace(caps: Capabilities): boolean | null {
  const date = buildDate(caps);
  return date === null ? null : date >= RESUMES_IN_PLACE_SINCE;
}
