// The window's hardening, kept apart from main.ts so each rule can be tested with
// fakes. Follows Electron's security checklist: isolation, sandbox, no Node in the
// page, navigation and new windows locked to our origin, no permissions.
import { isAppUrl } from './app-origin';

/** webPreferences for every Desk window. webSecurity keeps its default (on). */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Whether the system browser may be asked to open a URL: plain web links only. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface PreventableEvent {
  preventDefault(): void;
  readonly url?: string;
}

/** The part of WebContents this module hardens. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export type Log = (line: string) => void;

/** Locks navigation and new windows; links to the web go to the system browser. */
export function hardenWebContents(contents: HardenableContents, shell: ShellLike, log: Log = console.warn): void {
  const guard = (event: PreventableEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`Checkpoint Desk: blocked navigation to ${url}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => log(`Checkpoint Desk: could not open ${url}: ${String(error)}`));
    } else {
      log(`Checkpoint Desk: refused to open a window for ${url}`);
    }
    return { action: 'deny' };
  });
}

/**
 * The one permission granted: writing text to the clipboard from our own page, so the
 * log view's Copy works. Everything else (camera, notifications, geolocation...) is
 * refused; the Desk needs none of it.
 */
export function isPermissionAllowed(permission: string, origin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(origin);
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

export function hardenSession(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details?.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
