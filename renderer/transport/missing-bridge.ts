// The desktop window gets its DeskApi from the preload, as `window.desk`. When the
// preload failed to load, the page is still on app://desk; falling through to the HTTP
// client there would post to app://desk/api/... and blame the server and the SSH tunnel.
// Instead every call fails with the real cause, and events never come.
import type { DeskApi } from '../../shared/api';
import { DeskError } from '../../shared/errors';
import { DESK_METHODS } from '../../shared/methods';

/** The desktop window's own scheme (electron/app-origin.ts); the headless shell is http(s). */
export const DESKTOP_PROTOCOL = 'app:';

export const MISSING_BRIDGE_MESSAGE =
  "The desktop window's link to the Desk service (window.desk, set up by preload.cjs) did not load, so nothing can reach the service. " +
  'Rebuild with `npm run build` and start again; the terminal that started the Desk says why the preload failed.';

export function missingBridgeDesk(): DeskApi {
  const fail = () => Promise.reject(new DeskError('INTERNAL', MISSING_BRIDGE_MESSAGE));
  const calls = Object.fromEntries(DESK_METHODS.map((method) => [method, fail]));
  return { ...calls, on: () => () => {} } as unknown as DeskApi;
}
