// Electron's nativeTheme follows the service's theme setting, so the window frame,
// native dialogs and prefers-color-scheme in the page agree with the override.
import type { Settings } from '../../shared/model';
import type { DeskHandlers } from '../desk/handlers';

export type ThemeSource = 'system' | 'light' | 'dark';

export interface NativeThemeLike {
  themeSource: ThemeSource;
}

/** The setting as nativeTheme spells it; a settings file from before the setting means 'system'. */
export function themeSourceOf(settings: Pick<Settings, 'theme'> | null | undefined): ThemeSource {
  const theme = settings?.theme;
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

/**
 * The service's handlers, with every answered updateSettings applied to nativeTheme.
 * Everything else goes to the service untouched.
 */
export function followTheme<T extends DeskHandlers>(desk: T, nativeTheme: NativeThemeLike): T {
  const updateSettings: DeskHandlers['updateSettings'] = async (request) => {
    const settings = await desk.updateSettings(request);
    nativeTheme.themeSource = themeSourceOf(settings);
    return settings;
  };
  return new Proxy(desk, {
    get(target, key) {
      if (key === 'updateSettings') return updateSettings;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Applies the stored setting once at start; a service that cannot answer leaves 'system'. */
export async function applyStoredTheme(desk: Pick<DeskHandlers, 'getSettings'>, nativeTheme: NativeThemeLike): Promise<void> {
  try {
    nativeTheme.themeSource = themeSourceOf(await desk.getSettings({}));
  } catch {
    // The page reports a service that does not answer; the frame keeps the system's scheme.
  }
}
