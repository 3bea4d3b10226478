// A field whose default the plan knows shows that default as its value, not as a grey
// placeholder that reads like a typed one. Until the person edits it, the form keeps
// '' (the request leaves the field to the service, which says where the value came from).
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useDefaultValue(value: string, fallback: string | null, onChange: (value: string) => void, inputRef?: RefObject<HTMLInputElement | null>) {
  const [touched, setTouched] = useState(value !== '');
  // The dialogs focus this field as they open, before the plan has answered: a default
  // that arrives under the cursor is selected, so what the person types next replaces it
  // instead of being appended to it. In the same commit as the new value, so no keystroke
  // lands between the two.
  useLayoutEffect(() => {
    const input = inputRef?.current;
    if (!touched && fallback && input && input === input.ownerDocument.activeElement) input.select();
  }, [fallback, touched, inputRef]);
  return {
    shown: touched ? value : (fallback ?? ''),
    /** Still the default: the plan chose it. */
    isDefault: !touched || value.trim() === '',
    change(next: string) {
      setTouched(true);
      onChange(next);
    },
  };
}
