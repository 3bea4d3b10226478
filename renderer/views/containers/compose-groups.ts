import type { Container } from '../../../shared/model';

/** The containers of one Compose project, or (project null) those Compose did not start. */
export interface ComposeGroup {
  project: string | null;
  containers: Container[];
}

const nameOf = (c: Container) => c.docker?.name ?? c.id;

/**
 * A Docker root's containers as people think of them: by Compose project
 * (`com.docker.compose.project`), each by name; the ones outside any project first.
 * A root without Compose projects is one group, by name where Docker names them.
 */
export function composeGroups(containers: Container[]): ComposeGroup[] {
  const byProject = new Map<string | null, Container[]>();
  for (const c of containers) {
    const project = c.docker?.composeProject ?? null;
    byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  const named = containers.some((c) => c.docker);
  const sorted = (list: Container[]) => (named ? [...list].sort((a, b) => nameOf(a).localeCompare(nameOf(b))) : list);
  const projects = [...byProject.keys()].filter((p): p is string => p !== null).sort((a, b) => a.localeCompare(b));
  const loose = byProject.get(null);
  return [...(loose ? [{ project: null, containers: sorted(loose) }] : []), ...projects.map((project) => ({ project, containers: sorted(byProject.get(project)!) }))];
}
