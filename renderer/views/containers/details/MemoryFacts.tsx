import type { MemoryUse } from '../../../../shared/model';
import { humanBytes } from '../../../lib/bytes';

/** The sandbox's memory use and pids, from `runsc events --stats`. */
export function MemoryFacts({ memory }: { memory: MemoryUse }) {
  return (
    <dl className="facts">
      <dt>Memory</dt>
      <dd>
        {humanBytes(memory.usageBytes)}
        {memory.limitBytes !== null && <span className="muted"> of {humanBytes(memory.limitBytes)}</span>}
      </dd>
      <dt>PIDs</dt>
      <dd className="mono">{memory.pids ?? '—'}</dd>
      {memory.cpuNanos !== null && (
        <>
          <dt>CPU time</dt>
          <dd className="mono">{(memory.cpuNanos / 1e9).toFixed(2)} s</dd>
        </>
      )}
    </dl>
  );
}
