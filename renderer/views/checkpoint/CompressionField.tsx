import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import type { Support } from '../../lib/option-support';
import type { CheckpointForm } from '../../state/types';

/** runsc's --compression; left empty, runsc picks its own default (it changed in 2026). */
export function CompressionField(props: {
  value: CheckpointForm['compression'];
  support: Support;
  problems: Problem[];
  onChange: (value: CheckpointForm['compression']) => void;
}) {
  const { value, support, problems, onChange } = props;
  const disabled = !support.supported;
  return (
    <div className={disabled ? 'field is-disabled' : 'field'}>
      <label htmlFor="cp-compression">Compression</label>
      <select
        id="cp-compression"
        className="input narrow"
        value={disabled ? '' : value}
        disabled={disabled}
        aria-invalid={problems.length > 0}
        aria-describedby={`cp-compression-help${problems.length > 0 ? ' cp-compression-problems' : ''}`}
        onChange={(e) => onChange(e.target.value as CheckpointForm['compression'])}
      >
        <option value="">runsc default</option>
        <option value="none">none</option>
        <option value="flate-best-speed">flate-best-speed</option>
      </select>
      <p id="cp-compression-help" className="small muted">
        How the memory image is compressed. <code className="mono">--compression</code>
        {support.reason && <span className="unsupported"> · {support.reason}</span>}
      </p>
      <FieldProblems id="cp-compression-problems" problems={problems} />
    </div>
  );
}
