// A field whose default the plan knows shows that default as its value, not as a grey
// placeholder that reads like a typed one. Until the person edits it, the form keeps
// '' (the request leaves the field to the service, which says where the value came from).
import { useState } from 'react';

export function useDefaultValue(value: string, fallback: string | null, onChange: (value: string) => void) {
  const [touched, setTouched] = useState(value !== '');
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
