import type { RunscBinaryInfo } from '../../../shared/model';

/**
 * One entry per runsc version: a second path of a version already listed (a copy in
 * /usr/local/bin, Docker's runtime pointing at the same build) goes under "also at".
 * The service lists them so already; a merged list (several hosts, an older Desk) may not.
 */
export function oncePerVersion(binaries: RunscBinaryInfo[]): RunscBinaryInfo[] {
  const byVersion = new Map<string, RunscBinaryInfo>();
  const listed: RunscBinaryInfo[] = [];
  for (const b of binaries) {
    const same = b.version ? byVersion.get(b.version) : undefined;
    if (!same) {
      const copy = { ...b, sources: [...b.sources], alsoAt: [...b.alsoAt] };
      if (b.version) byVersion.set(b.version, copy);
      listed.push(copy);
      continue;
    }
    for (const path of [b.path, ...b.alsoAt]) if (path !== same.path && !same.alsoAt.includes(path)) same.alsoAt.push(path);
    for (const source of b.sources) if (!same.sources.includes(source)) same.sources.push(source);
    same.isDefault ||= b.isDefault;
  }
  return listed;
}
