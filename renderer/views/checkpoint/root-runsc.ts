import type { Overview } from '../../../shared/model';

/**
 * The overview as a root's checkpoint sees it: a root bound to its own runsc (Docker's
 * runtime, the user's choice) is checkpointed by that binary, so its options, and its
 * version in "Not in runsc …", are that binary's, not the default's.
 */
export function overviewForRoot(overview: Overview | null, root: string): Overview | null {
  const bound = overview?.roots.find((r) => r.path === root)?.runsc;
  if (!overview || !bound || bound === overview.runsc.path) return overview;
  const binary = overview.runscBinaries?.find((b) => b.path === bound || b.alsoAt.includes(bound));
  if (!binary || binary.error) return overview;
  return { ...overview, checkpointOptions: binary.checkpointOptions, runsc: { ...overview.runsc, path: bound, version: binary.version } };
}
