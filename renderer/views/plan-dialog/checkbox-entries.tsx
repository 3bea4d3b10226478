import type { Problem } from '../../../shared/jobs';
import type { Support } from '../../lib/option-support';
import type { OptionEntry } from './FoldedOptions';
import { OptionCheckbox } from './OptionCheckbox';

/** One yes/no runsc option of a dialog: the form field it sets, and its words. */
export interface CheckboxOption<K extends string> {
  field: K;
  id: string;
  label: string;
  explain: string;
  support: Support;
}

/**
 * The yes/no options of a plan dialog as FoldedOptions entries: each one a checkbox bound
 * to its form field, with its problems in place. Both dialogs list theirs as data, so a
 * new runsc flag is one line and not another copy of the checkbox wiring.
 */
export function checkboxEntries<K extends string>(
  options: readonly CheckboxOption<K>[],
  form: Record<K, boolean>,
  at: (field: K) => Problem[],
  onChange: (patch: Partial<Record<K, boolean>>) => void,
): OptionEntry[] {
  return options.map((o) => ({
    key: o.id,
    support: o.support,
    node: (
      <OptionCheckbox
        id={o.id}
        label={o.label}
        checked={form[o.field]}
        support={o.support}
        explain={o.explain}
        problems={at(o.field)}
        onChange={(checked) => onChange({ [o.field]: checked } as Partial<Record<K, boolean>>)}
      />
    ),
  }));
}
