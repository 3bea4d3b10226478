// The app's own origin. The renderer is served from `app://desk/`, a privileged custom
// scheme, rather than file://: file:// makes every local file same-origin with the UI,
// while this origin holds only dist/renderer.

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL belongs to the app's own origin. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives non-special schemes an opaque origin ("null"), so compare the
  // parts rather than `.origin`. Credentials or a port would mean a forged look-alike.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The little the IPC gate needs to know about the frame that sent a message. */
export interface SenderFrame {
  readonly url: string;
}

/** Whether IPC from this frame may reach the service: only the app's own pages. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  return isAppUrl(frame?.url);
}
