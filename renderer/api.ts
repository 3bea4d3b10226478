// Which DeskApi this window talks to: the Electron preload's, or the headless server's.
// No view knows which one it got.
import type { DeskApi } from '../shared/api';
import { startLogWorker, type LogWorker } from './logs/log-worker-port';
import type { EngineInit } from './logs/log-protocol';
import { bindLogEngine } from './logs/log-store';
import { createHttpDesk, eventsUrl } from './transport/http-desk';
import { DESKTOP_PROTOCOL, MISSING_BRIDGE_MESSAGE, missingBridgeDesk } from './transport/missing-bridge';
import { readToken, type TokenSources } from './transport/token';

export interface DeskSources extends TokenSources {
  /** The preload's `window.desk`, when it loaded. */
  desk: DeskApi | undefined;
  location: TokenSources['location'] & Pick<Location, 'origin' | 'protocol'>;
  log?: (message: string) => void;
  /** Starts the log worker; without it (tests) the page reads logs itself. */
  logWorker?: (init: EngineInit) => LogWorker | null;
}

/** The preload's API; on the desktop origin without it, one that says so; else HTTP. */
export function pickDesk(sources: DeskSources): DeskApi {
  if (sources.desk) {
    // The desktop shell: IPC is the page's, so the worker asks the page for pages and events.
    const worker = sources.logWorker?.({ type: 'init', mode: 'page' });
    if (worker) bindLogEngine(sources.desk, worker.engine);
    return sources.desk;
  }
  if (sources.location.protocol === DESKTOP_PROTOCOL) {
    (sources.log ?? console.error)(`Checkpoint Desk: ${MISSING_BRIDGE_MESSAGE}`);
    return missingBridgeDesk();
  }
  const origin = sources.location.origin;
  const token = readToken(sources);
  // The headless shell: the worker owns the event socket, and parses the logs off this thread.
  const worker = sources.logWorker?.({ type: 'init', mode: 'http', origin, token, eventsUrl: eventsUrl(origin, token) });
  const desk = createHttpDesk({ origin, token, events: worker?.events });
  if (worker) bindLogEngine(desk, worker.engine);
  return desk;
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
  desk ??= pickDesk({ desk: window.desk, location: window.location, storage: sessionStore(), history: window.history, logWorker: startLogWorker });
  return desk;
}
