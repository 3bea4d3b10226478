// The headless server prints a URL with `#token=T`. The fragment never reaches server
// logs; sessionStorage keeps the token across reloads of this tab only.

export const TOKEN_KEY = 'checkpoint-desk.token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'search' | 'pathname'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  history: Pick<History, 'replaceState'> | null;
}

function fromParams(text: string): string | null {
  const value = new URLSearchParams(text).get('token');
  return value ? value : null;
}

/** Reads the token from the URL (then hides it from the address bar) or from this tab's storage. */
export function readToken(sources: TokenSources): string | null {
  const { location, storage, history } = sources;
  const fromUrl = fromParams(location.hash.replace(/^#/, '')) ?? fromParams(location.search);
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
      // Out of the address bar, so a screenshot or a shared link does not carry it.
      history?.replaceState(null, '', location.pathname);
    } catch {
      // Storage can be disabled; the token still works until the tab reloads.
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}
