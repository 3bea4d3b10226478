import type { GpuOverview } from '../../../shared/gpu';

/** Who toggles CUDA on this runsc, the host's cuda-checkpoint, and the NVIDIA driver. */
export function GpuRuntime({ gpu }: { gpu: GpuOverview }) {
  const tool = gpu.cudaCheckpoint;
  return (
    <section className="card gpu-runtime" data-testid="gpu-runtime" data-generation={gpu.generation} aria-labelledby="gpu-runtime-title">
      <h2 id="gpu-runtime-title">GPU</h2>
      <p className="small gpu-mode">{gpu.mode}</p>
      <dl className="facts">
        <dt>cuda-checkpoint</dt>
        <dd className="mono wrap">{tool.path ?? 'not found'}</dd>
        {tool.path && (
          <>
            <dt>CLI level</dt>
            <dd className="mono" title="R550: --toggle only; R555: --get-state and --action; R580: --device-map; R610: --launch-job">
              {tool.cliLevel ?? '—'}
            </dd>
            <dt>Version</dt>
            <dd className="mono">{tool.version ?? '—'}</dd>
          </>
        )}
        <dt>Driver</dt>
        <dd className="mono">{gpu.driverVersion ?? 'no nvidia-smi'}</dd>
      </dl>
      {tool.error && (
        <p className="small text-warning gpu-tool-error">
          {tool.error}
          {tool.tried.length > 0 && ' (the places searched are under Places looked at)'}
        </p>
      )}
    </section>
  );
}
