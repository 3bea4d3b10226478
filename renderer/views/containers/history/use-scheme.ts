// The light or dark scheme in effect, as a value a chart can redraw on: the Settings
// override, or the system's while the override is "System".
import { useEffect, useState } from 'react';
import { effectiveScheme } from '../../../lib/theme';
import { useDesk } from '../../../store-context';

export function useScheme(): 'light' | 'dark' {
  const theme = useDesk((s) => s.theme);
  const [system, setSystem] = useState(() => effectiveScheme('system'));
  useEffect(() => {
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return theme === 'system' ? system : theme;
}
