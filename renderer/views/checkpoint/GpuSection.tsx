import { DEFAULT_CUDA_PATH, type CudaPolicy, type GpuOverview } from '../../../shared/gpu';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { CUDA_POLICIES } from '../../lib/gpu';
import type { CheckpointForm } from '../../state/types';

type GpuFields = Pick<CheckpointForm, 'cudaPolicy' | 'cudaPath' | 'cudaSequential'>;

/**
 * A GPU container's CUDA options: who toggles cuda-checkpoint on this runsc, the policy,
 * the binary's path inside the container, and one-at-a-time toggles.
 */
export function GpuSection(props: {
  gpu: GpuOverview | null;
  form: GpuFields;
  policyProblems: Problem[];
  pathProblems: Problem[];
  onChange: (patch: Partial<GpuFields>) => void;
}) {
  const { gpu, form, policyProblems, pathProblems, onChange } = props;
  const disabled = !gpu || gpu.generation === 'none';
  // The policy stays open on a runsc without GPU support: "off" is how such a container can still be checkpointed.
  const policyDisabled = !gpu;
  const policyInvalid = policyProblems.length > 0;
  const pathInvalid = pathProblems.length > 0;
  return (
    <fieldset className={disabled ? 'options gpu-section is-disabled' : 'options gpu-section'} data-testid="gpu-section">
      <legend>GPU</legend>
      <p className="small gpu-mode" data-generation={gpu?.generation}>
        {gpu ? gpu.mode : 'Reading runsc…'}
        {gpu?.generation === 'none' && <span className="unsupported"> · GPU state cannot be checkpointed here.</span>}
        {gpu?.generation === 'desk' && (
          <span className="experimental" data-testid="gpu-experimental">
            {' '}
            · Experimental: this runsc cannot save live nvproxy state, so policy auto refuses; use runsc release-20260706.0 or newer for GPU checkpoints.
          </span>
        )}
      </p>
      <div className="field">
        <label htmlFor="cp-cuda-policy">CUDA policy</label>
        <select
          id="cp-cuda-policy"
          className="input narrow"
          value={form.cudaPolicy}
          disabled={policyDisabled}
          aria-invalid={policyInvalid}
          aria-describedby={`cp-cuda-policy-help${policyInvalid ? ' cp-cuda-policy-problems' : ''}`}
          onChange={(e) => onChange({ cudaPolicy: e.target.value as CudaPolicy })}
        >
          {CUDA_POLICIES.map((p) => (
            <option key={p.policy} value={p.policy}>
              {p.policy}
            </option>
          ))}
        </select>
        <ul id="cp-cuda-policy-help" className="plain-list small muted policy-help">
          {CUDA_POLICIES.map((p) => (
            <li key={p.policy} className={p.policy === form.cudaPolicy ? 'current' : undefined}>
              <code className="mono">{p.policy}</code>: {p.explain}
            </li>
          ))}
        </ul>
        <FieldProblems id="cp-cuda-policy-problems" problems={policyProblems} />
      </div>
      <div className="field">
        <label htmlFor="cp-cuda-path">Path in container</label>
        <input
          id="cp-cuda-path"
          className="input mono"
          value={form.cudaPath}
          placeholder={DEFAULT_CUDA_PATH}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={pathInvalid}
          aria-describedby={pathInvalid ? 'cp-cuda-path-problems' : 'cp-cuda-path-help'}
          onChange={(e) => onChange({ cudaPath: e.target.value })}
        />
        {pathInvalid ? (
          <FieldProblems id="cp-cuda-path-problems" problems={pathProblems} />
        ) : (
          <p id="cp-cuda-path-help" className="small muted">
            Where cuda-checkpoint is inside the container. Empty: {DEFAULT_CUDA_PATH}.
          </p>
        )}
      </div>
      <div className="field check">
        <label className="check-label">
          <input
            id="cp-cuda-sequential"
            type="checkbox"
            checked={form.cudaSequential && !disabled}
            disabled={disabled}
            aria-describedby="cp-cuda-sequential-help"
            onChange={(e) => onChange({ cudaSequential: e.target.checked })}
          />
          Toggle one at a time
        </label>
        <p id="cp-cuda-sequential-help" className="small muted check-help">
          One process after another instead of all at once; slower, easier on the driver.
        </p>
      </div>
    </fieldset>
  );
}
