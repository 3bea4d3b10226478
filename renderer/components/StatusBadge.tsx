import type { ContainerStatus } from '../../shared/model';

const KNOWN = new Set(['running', 'paused', 'stopped', 'failed']);

/** The status in runsc's own word; colour only for running, paused, stopped, failed. */
export function StatusBadge({ status }: { status: ContainerStatus }) {
  const tone = KNOWN.has(status) ? status : 'neutral';
  return <span className={`badge status-${tone}`}>{status}</span>;
}
