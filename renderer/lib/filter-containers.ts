import type { Container } from '../../shared/model';
import type { ContainerFilter } from '../state/types';

/** Statuses "Running" keeps: the sandbox is alive, whether or not it is paused. */
const ALIVE = new Set(['running', 'paused']);

export function matchesFilter(container: Container, filter: ContainerFilter): boolean {
  if (filter.show === 'running' && !ALIVE.has(container.status)) return false;
  const needle = filter.search.trim().toLowerCase();
  if (!needle) return true;
  return container.id.toLowerCase().includes(needle) || container.bundle.toLowerCase().includes(needle);
}
