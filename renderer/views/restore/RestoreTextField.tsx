import type { ReactNode, RefObject } from 'react';
import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { useDefaultValue } from '../../lib/use-default-value';
import { PlannedField } from './PlannedField';

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
  const field_ = useDefaultValue(value, placeholder || null, onChange, inputRef);
  return (
    <PlannedField id={id} field={field} label={label} defaulted={field_.isDefault} plan={plan} problems={problems} help={help}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input mono"
          value={field_.shown}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => field_.change(e.target.value)}
        />
      )}
    </PlannedField>
  );
}
