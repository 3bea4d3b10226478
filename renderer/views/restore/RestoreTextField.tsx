import type { ReactNode, RefObject } from 'react';
import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { DefaultHint } from './DefaultHint';
import { useDefaultValue } from '../../lib/use-default-value';

/** A text field the plan may fill in: until edited, it shows the value the restore uses, and says where it came from. */
export function RestoreTextField(props: {
  id: string;
  field: string;
  label: string;
  value: string;
  /** The plan's value, shown until the person edits the field. */
  placeholder: string;
  plan: RestorePlan | null;
  problems: Problem[];
  help: ReactNode;
  onChange: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { id, field, label, value, placeholder, plan, problems, help, onChange, inputRef } = props;
  const invalid = problems.length > 0;
  const field_ = useDefaultValue(value, placeholder || null, onChange);
  const hinted = field_.isDefault && plan?.defaults.some((d) => d.field === field);
  const describedBy = [`${id}-help`, hinted && `${id}-from`, invalid && `${id}-problems`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {hinted && <DefaultHint plan={plan} field={field} id={`${id}-from`} />}
      </div>
      <input
        id={id}
        ref={inputRef}
        className="input mono"
        value={field_.shown}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => field_.change(e.target.value)}
      />
      <p id={`${id}-help`} className="small muted">
        {help}
      </p>
      <FieldProblems id={`${id}-problems`} problems={problems} />
    </div>
  );
}
