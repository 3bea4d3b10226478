import type { CudaOutcome } from '../../shared/gpu';
import { cudaOutcomeText } from '../lib/gpu';

/** What a checkpoint did with the GPU state, in words; for a job or an image record. */
export function GpuOutcome({ cuda }: { cuda: CudaOutcome }) {
  const warn = cuda.outcome === 'not-captured';
  const processes = cuda.outcome === 'captured' ? (cuda.processes ?? []) : [];
  return (
    <div className={warn ? 'gpu-outcome is-warning' : 'gpu-outcome'} data-testid="gpu-outcome" data-outcome={cuda.outcome}>
      <p className={warn ? 'text-warning' : undefined}>
        <strong>GPU:</strong> {cudaOutcomeText(cuda)}
        {cuda.note && <span className="gpu-note"> · {cuda.note}</span>}
      </p>
      {cuda.stoppedAfterSave && <p className="small muted">Saved with --leave-running, then stopped: a failed save would have destroyed the GPU sandbox otherwise.</p>}
      {cuda.host && (
        <p className="small muted" data-testid="gpu-host">
          Saved on NVIDIA driver {cuda.host.driverVersion}, {cuda.host.gpus.length} GPU{cuda.host.gpus.length === 1 ? '' : 's'}: {[...new Set(cuda.host.gpus)].join(', ')}
        </p>
      )}
      {processes.length > 0 && (
        <ul className="plain-list small mono gpu-processes" aria-label="Toggled processes">
          {processes.map((p) => (
            <li key={p.pid}>
              {p.pid} {p.command}
            </li>
          ))}
        </ul>
      )}
      {cuda.pathInContainer && (
        <p className="small muted">
          cuda-checkpoint in the container: <code className="mono">{cuda.pathInContainer}</code>
        </p>
      )}
    </div>
  );
}
