import type { ReactNode } from 'react';
import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { DefaultHint } from './DefaultHint';

/**
 * A restore field picked from a list the plan may have filled in: its label with
 * "from …" when the value is the plan's default, the select, a line of help, and its
 * problems in place, all tied together for a screen reader.
 */
export function PlannedSelect(props: {
  /** The field's name in the plan's defaults and problems ("root", "runsc"). */
  field: string;
  label: string;
  value: string;
  /** The form's own value: empty while the plan's default stands. */
  defaulted: boolean;
  plan: RestorePlan | null;
  problems: Problem[];
  onChange: (value: string) => void;
  /** The <option>s. */
  children: ReactNode;
  help: ReactNode;
  helpTestId?: string;
  /** Below the problems: what only this field offers. */
  after?: ReactNode;
}) {
  const { field, label, value, defaulted, plan, problems, onChange, children, help, helpTestId, after } = props;
  const id = `rs-${field}`;
  const invalid = problems.length > 0;
  const hinted = defaulted && plan?.defaults.some((d) => d.field === field);
  const describedBy = [`${id}-help`, hinted && `${id}-from`, invalid && `${id}-problems`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {hinted && <DefaultHint plan={plan} field={field} id={`${id}-from`} />}
      </div>
      <select id={id} className="input mono" value={value} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      <p id={`${id}-help`} className="small muted" data-testid={helpTestId}>
        {help}
      </p>
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {after}
    </div>
  );
}
