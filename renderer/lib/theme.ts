// The light/dark override, kept in the service's settings (so the desktop shell's
// nativeTheme follows it, and every window of the Desk agrees). 'system' follows
// prefers-color-scheme; 'light' and 'dark' set data-theme on <html>, which styles.css
// turns into color-scheme, so every light-dark() colour switches at once.
import { useEffect } from 'react';
import { THEME_CHOICES, type ThemeChoice } from '../../shared/model';
import { useDesk, useDeskStore } from '../store-context';

export { THEME_CHOICES, type ThemeChoice };

const isChoice = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

/** The choice in effect in this page: 'system' until the service's setting arrives. */
let current: ThemeChoice = 'system';

export function readTheme(): ThemeChoice {
  return current;
}

/** The setting as the service gave it; an older settings file without one means 'system'. */
export function themeOf(settings: { theme?: unknown } | null | undefined): ThemeChoice {
  return isChoice(settings?.theme) ? settings.theme : 'system';
}

type Saver = (choice: ThemeChoice) => Promise<unknown>;
let saver: Saver | null = null;

/** Where saveTheme sends a choice; set by useServiceTheme. */
export function setThemeSaver(next: Saver | null): void {
  saver = next;
}

/**
 * A choice made here that the service's settings have not shown back yet. A settings
 * answer asked for before the choice (the Settings view reloads them as it opens) may
 * arrive after it, still holding the old theme: it must not undo the person's click.
 */
let unconfirmed: ThemeChoice | null = null;

/** Sends the choice to the service; the page has applied it already. */
export function saveTheme(choice: ThemeChoice): void {
  current = choice;
  unconfirmed = choice;
  void saver?.(choice)?.catch((error: unknown) => {
    // Not saved: the service's settings are the truth again.
    if (unconfirmed === choice) unconfirmed = null;
    console.error('Checkpoint Desk: could not save the theme', error);
  });
}

/** The service's theme, unless it is older than a choice made here (see `unconfirmed`). */
function fromService(stored: ThemeChoice): ThemeChoice | null {
  if (unconfirmed === null) return stored;
  if (stored !== unconfirmed) return null;
  unconfirmed = null;
  return stored;
}

/** Sets or clears data-theme on <html>; a no-op where there is no document (node tests). */
export function applyTheme(choice: ThemeChoice): void {
  current = choice;
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

/**
 * Binds the theme to the service: loads the settings at start, applies their theme
 * whenever they change, and saves a choice with updateSettings. Called once, by App.
 */
export function useServiceTheme(): void {
  const store = useDeskStore();
  const { api } = store;
  const settings = useDesk((s) => s.settings);
  const loadSettings = useDesk((s) => s.loadSettings);

  useEffect(() => {
    // Straight to the service: the store's updateSettings would reload every list.
    setThemeSaver((choice) => api.updateSettings({ theme: choice }));
    return () => setThemeSaver(null);
  }, [api]);

  useEffect(() => {
    if (!settings) void loadSettings();
  }, [settings, loadSettings]);

  useEffect(() => {
    if (!settings) return;
    const stored = fromService(themeOf(settings));
    if (stored === null || stored === store.getState().theme) return;
    // Not the store's setTheme: that would send the service what it just said.
    applyTheme(stored);
    store.setState({ theme: stored });
    // Only when the service's settings change.
  }, [settings, store]);
}
