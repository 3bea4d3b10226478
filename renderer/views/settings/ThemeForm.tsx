import { THEME_CHOICES, type ThemeChoice } from '../../lib/theme';
import { useDesk } from '../../store-context';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark or the system's: applied on change, no Save, since nothing can fail. */
export function ThemeForm() {
  const theme = useDesk((s) => s.theme);
  const setTheme = useDesk((s) => s.setTheme);
  return (
    <section className="card form" aria-labelledby="theme-title" data-testid="theme-form">
      <h2 id="theme-title">Appearance</h2>
      <fieldset className="radio-row">
        <legend>Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice} className="radio">
            <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => setTheme(choice)} />
            {LABELS[choice]}
          </label>
        ))}
      </fieldset>
      <p className="small muted">System follows the light or dark setting of the desktop.</p>
    </section>
  );
}
