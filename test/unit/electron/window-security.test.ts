// The window's hardening rules, against fake WebContents, Session and shell.
import { describe, expect, it, vi } from 'vitest';
import {
  hardenSession,
  hardenWebContents,
  isExternalWebUrl,
  isPermissionAllowed,
  secureWebPreferences,
  type HardenableContents,
  type PermissionSession,
  type PreventableEvent,
} from '../../../electron/window-security';

function fakeContents() {
  const listeners = new Map<string, (event: PreventableEvent, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    on: (name: string, listener: (event: PreventableEvent, url?: string) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
  };
  const shell = { openExternal: vi.fn(async (_url: string) => {}) };
  const log = vi.fn();
  hardenWebContents(contents, shell, log);

  const fire = (name: string, url: string, legacy = false) => {
    const event = { preventDefault: vi.fn(), ...(legacy ? {} : { url }) };
    listeners.get(name)!(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => openHandler!({ url });
  return { listeners, fire, open, shell, log };
}

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/opt/desk/preload.cjs');

  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(prefs).toMatchObject({
      preload: '/opt/desk/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    });
  });

  it('leaves webSecurity on and turns on nothing risky', () => {
    const record = prefs as Record<string, unknown>;
    expect(record.webSecurity).not.toBe(false);
    expect(record.allowRunningInsecureContent).toBeUndefined();
    expect(record.experimentalFeatures).toBeUndefined();
    expect(record.enableBlinkFeatures).toBeUndefined();
  });
});

describe('hardenWebContents', () => {
  it('allows navigation within the app', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'app://desk/index.html#/jobs')).toBe(false);
    expect(fire('will-redirect', 'app://desk/index.html')).toBe(false);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://desk.evil/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('denies navigation to %s', (url) => {
    const { fire, shell } = fakeContents();
    expect(fire('will-navigate', url)).toBe(true);
    expect(fire('will-redirect', url)).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('reads the legacy url argument when the event has none', () => {
    const { fire } = fakeContents();
    expect(fire('will-navigate', 'https://example.com/', true)).toBe(true);
  });

  it('refuses to attach a webview', () => {
    const { listeners } = fakeContents();
    const event = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, sending web links to the system browser', () => {
    const { open, shell } = fakeContents();
    expect(open('https://gvisor.dev/docs/user_guide/checkpoint_restore/')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([
      ['https://gvisor.dev/docs/user_guide/checkpoint_restore/'],
      ['http://example.com/'],
    ]);
  });

  it.each(['file:///etc/shadow', 'app://desk/index.html', 'smb://host/share', 'javascript:alert(1)', 'ms-settings:'])(
    'never hands %s to the system',
    (url) => {
      const { open, shell } = fakeContents();
      expect(open(url)).toEqual({ action: 'deny' });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('isExternalWebUrl', () => {
  it('is true only for http and https', () => {
    expect(isExternalWebUrl('https://x.y/')).toBe(true);
    expect(isExternalWebUrl('HTTP://x.y/')).toBe(true);
    expect(isExternalWebUrl('ftp://x.y/')).toBe(false);
    expect(isExternalWebUrl('')).toBe(false);
  });
});

describe('permissions', () => {
  function fakeSession() {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler) => {
        check = handler;
      },
    });
    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      request!({}, permission, callback, { requestingUrl });
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]![0] as boolean;
    };
    return { ask, check: (permission: string, origin: string) => check!({}, permission, origin) };
  }

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'unknown'])(
    'refuses %s, even to our own page',
    (permission) => {
      const { ask, check } = fakeSession();
      expect(ask(permission, 'app://desk/index.html')).toBe(false);
      expect(check(permission, 'app://desk')).toBe(false);
    },
  );

  it('lets only our own page write text to the clipboard', () => {
    const { ask, check } = fakeSession();
    expect(ask('clipboard-sanitized-write', 'app://desk/index.html')).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://desk')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });
});
