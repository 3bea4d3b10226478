import type { ReactNode } from 'react';
import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { PlannedField } from './PlannedField';

/** A restore field picked from a list the plan may have filled in ("root", "runsc"). */
export function PlannedSelect(props: {
  field: string;
  label: string;
  value: string;
  /** The form's own value is empty: the plan's default stands. */
  defaulted: boolean;
  plan: RestorePlan | null;
  problems: Problem[];
  onChange: (value: string) => void;
  /** The <option>s. */
  children: ReactNode;
  help: ReactNode;
  helpTestId?: string;
  after?: ReactNode;
}) {
  const { value, onChange, children, ...frame } = props;
  return (
    <PlannedField id={`rs-${props.field}`} {...frame}>
      {(control) => (
        <select {...control} className="input mono" value={value} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      )}
    </PlannedField>
  );
}
