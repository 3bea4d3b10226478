// Which DeskApi this window talks to: the Electron preload's, or the headless server's.
// No view knows which one it got.
import type { DeskApi } from '../shared/api';
import { createHttpDesk } from './transport/http-desk';
import { DESKTOP_PROTOCOL, MISSING_BRIDGE_MESSAGE, missingBridgeDesk } from './transport/missing-bridge';
import { readToken, type TokenSources } from './transport/token';

export interface DeskSources extends TokenSources {
  /** The preload's `window.desk`, when it loaded. */
  desk: DeskApi | undefined;
  location: TokenSources['location'] & Pick<Location, 'origin' | 'protocol'>;
  log?: (message: string) => void;
}

/** The preload's API; on the desktop origin without it, one that says so; else HTTP. */
export function pickDesk(sources: DeskSources): DeskApi {
  if (sources.desk) return sources.desk;
  if (sources.location.protocol === DESKTOP_PROTOCOL) {
    (sources.log ?? console.error)(`Checkpoint Desk: ${MISSING_BRIDGE_MESSAGE}`);
    return missingBridgeDesk();
  }
  return createHttpDesk({ origin: sources.location.origin, token: readToken(sources) });
}

let desk: DeskApi | undefined;

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function getDesk(): DeskApi {
  desk ??= pickDesk({ desk: window.desk, location: window.location, storage: sessionStore(), history: window.history });
  return desk;
}
