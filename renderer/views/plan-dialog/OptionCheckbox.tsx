import type { ReactNode } from 'react';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { dashed, type Support } from '../../lib/option-support';

/** A yes/no checkpoint option; one this runsc lacks stays in view, disabled, with the reason. */
export function OptionCheckbox(props: {
  id: string;
  label: string;
  checked: boolean;
  support: Support;
  explain: string;
  problems: Problem[];
  onChange: (checked: boolean) => void;
  children?: ReactNode;
}) {
  const { id, label, checked, support, explain, problems, onChange, children } = props;
  const disabled = !support.supported;
  return (
    <div className={disabled ? 'field check is-disabled' : 'field check'}>
      <label className="check-label">
        <input
          id={id}
          type="checkbox"
          checked={checked && !disabled}
          disabled={disabled}
          aria-invalid={problems.length > 0}
          aria-describedby={`${id}-help${problems.length > 0 ? ` ${id}-problems` : ''}`}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      <p id={`${id}-help`} className="small muted check-help">
        {explain}
        {support.flag && (
          <>
            {' '}
            <code className="mono">{dashed(support.flag)}</code>
          </>
        )}
        {support.reason && <span className="unsupported"> · {support.reason}</span>}
      </p>
      {children}
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}
