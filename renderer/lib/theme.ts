// The light/dark override. 'system' follows prefers-color-scheme; 'light' and 'dark' set
// data-theme on <html>, which styles.css turns into color-scheme, so every
// light-dark() colour switches at once. Kept in localStorage until the service has a
// setting for it (then Electron's nativeTheme can follow too).

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export const THEME_KEY = 'checkpoint-desk.theme';

const isChoice = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

/** The saved choice; 'system' when none is saved, the value is unknown or storage is off. */
export function readTheme(): ThemeChoice {
  try {
    const saved = globalThis.localStorage?.getItem(THEME_KEY);
    return isChoice(saved) ? saved : 'system';
  } catch {
    return 'system'; // storage refused (a locked-down profile): the system decides
  }
}

export function saveTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
    else globalThis.localStorage?.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered across launches; applied all the same.
  }
}

/** Sets or clears data-theme on <html>; a no-op where there is no document (node tests). */
export function applyTheme(choice: ThemeChoice): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** The scheme in effect: the choice, or the system's when the choice is 'system'. */
export function effectiveScheme(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
