// The containers view shows one section per root: what the listing says (count,
// error) joined with what the overview says (source, global flags).
import type { DeskErrorShape } from '../../shared/errors';
import type { Container, ContainerList, RootInfo } from '../../shared/model';

export interface RootGroup {
  root: string;
  info: RootInfo | null;
  /** Every container runsc listed in this root, before any filter. */
  containers: Container[];
  /** runsc's count for the root, or null when it was not listed. */
  count: number | null;
  error: DeskErrorShape | null;
  /** One line on how it was listed, e.g. why a Docker root shows no names. */
  notice: string | null;
}

export function groupByRoot(list: ContainerList | null, roots: RootInfo[]): RootGroup[] {
  const groups = new Map<string, RootGroup>();
  const group = (root: string): RootGroup => {
    let g = groups.get(root);
    if (!g) {
      g = { root, info: null, containers: [], count: null, error: null, notice: null };
      groups.set(root, g);
    }
    return g;
  };
  for (const listing of list?.roots ?? []) {
    const g = group(listing.root);
    g.count = listing.count;
    g.error = listing.error;
    g.notice = listing.notice ?? null;
  }
  for (const info of roots) {
    const g = group(info.path);
    g.info = info;
    g.error ??= info.error;
    g.count ??= info.containerCount;
  }
  for (const container of list?.containers ?? []) group(container.root).containers.push(container);
  return [...groups.values()];
}
