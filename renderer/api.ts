// Which DeskApi this window talks to: the Electron preload's, or the headless server's.
// No view knows which one it got.
import type { DeskApi } from '../shared/api';
import { createHttpDesk } from './transport/http-desk';
import { readToken } from './transport/token';

let desk: DeskApi | undefined;

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function getDesk(): DeskApi {
  desk ??=
    window.desk ??
    createHttpDesk({
      origin: window.location.origin,
      token: readToken({ location: window.location, storage: sessionStore(), history: window.history }),
    });
  return desk;
}
