// What needs a person's attention before containers can be trusted: the header's
// warning badge counts these, the Runtime page lists them with what to do.
import type { DeskErrorShape } from '../../shared/errors';
import type { Overview } from '../../shared/model';

export interface Attention {
  /** Stable across refreshes, for React keys and tests. */
  key: string;
  /** One line, for the badge's tooltip and the Runtime page. */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** Every problem the overview reports; none when the overview could not be read (that error shows on its own). */
export function attentionItems(overview: Overview | null): Attention[] {
  if (!overview) return [];
  const items: Attention[] = [];
  if (!overview.runsc.path || overview.runsc.error) {
    items.push({
      key: 'runsc',
      message: overview.runsc.error?.message ?? 'runsc was not found.',
      fix: 'Install gVisor (apt-get install runsc), or set the runsc path in Settings.',
    });
  }
  for (const root of overview.roots) {
    if (root.error) {
      items.push({
        key: `root:${root.path}`,
        message: `Root ${root.path} cannot be read: ${rootErrorText(root.error)}`,
        fix: 'Run the Desk with the privilege this root needs (Settings → Privilege), or remove the root.',
      });
    }
    if (root.profileProblems.length > 0) {
      items.push({
        key: `profile:${root.path}`,
        message: `The runtime profile of ${root.path} has flags this runsc does not know: ${root.profileProblems.join(' ')}`,
        fix: 'They are left out of every call; fix the profile, or set the root’s flags in Settings.',
      });
    }
  }
  return items;
}

const rootErrorText = (error: DeskErrorShape) => error.message.replace(/\.$/, '');

/** The places looked at, in order, each once: runsc's, the roots' and cuda-checkpoint's lists overlap. */
export function placesLookedAt(overview: Overview): { what: string; paths: string[] }[] {
  const lists = [
    { what: 'runsc', paths: overview.runsc.tried },
    { what: 'Roots', paths: overview.lookedAt },
    { what: 'cuda-checkpoint', paths: overview.gpu?.cudaCheckpoint.tried ?? [] },
  ];
  return lists.map(({ what, paths }) => ({ what, paths: [...new Set(paths)] })).filter((l) => l.paths.length > 0);
}
