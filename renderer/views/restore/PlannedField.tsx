import type { ReactNode } from 'react';
import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { DefaultHint } from './DefaultHint';

/** What the field's control carries, so a screen reader reads its help, hint and problems. */
export interface PlannedControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string;
}

/**
 * The frame of a restore field the plan may fill in: its label with "from …" while the
 * value is the plan's default, the control, a line of help, and its problems in place.
 */
export function PlannedField(props: {
  id: string;
  /** The field's name in the plan's defaults and problems. */
  field: string;
  label: string;
  /** The value shown is the plan's default (the person has not picked or typed one). */
  defaulted: boolean;
  plan: RestorePlan | null;
  problems: Problem[];
  help: ReactNode;
  helpTestId?: string;
  /** Below the problems: what only this field offers. */
  after?: ReactNode;
  children: (control: PlannedControl) => ReactNode;
}) {
  const { id, field, label, defaulted, plan, problems, help, helpTestId, after, children } = props;
  const invalid = problems.length > 0;
  const hinted = defaulted && plan?.defaults.some((d) => d.field === field);
  const describedBy = [`${id}-help`, hinted && `${id}-from`, invalid && `${id}-problems`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {hinted && <DefaultHint plan={plan} field={field} id={`${id}-from`} />}
      </div>
      {children({ id, 'aria-invalid': invalid, 'aria-describedby': describedBy })}
      <p id={`${id}-help`} className="small muted" data-testid={helpTestId}>
        {help}
      </p>
      <FieldProblems id={`${id}-problems`} problems={problems} />
      {after}
    </div>
  );
}
