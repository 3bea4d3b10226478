// main.ts wired to a fully mocked electron and a fake service: the name it runs under,
// the window it opens, what it registers, how it forwards events, how it shuts the
// service down, and how it reports a page that cannot load.
import type { EventEmitter as Emitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESK_EVENTS, IPC_EVENT_CHANNEL, ipcChannel } from '../../../shared/api';
import { DESK_METHODS } from '../../../shared/schemas';
import { SHELL_MENU_CHANNEL, SHELL_METHODS, shellChannel } from '../../../shared/shell-api';

const fake = vi.hoisted(() => {
  const state = {
    app: null as unknown as Emitter & Record<string, unknown>,
    windows: [] as Array<{ options: Record<string, unknown>; url?: string; webContents: any }>,
    handles: new Map<string, unknown>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    session: { request: undefined as unknown, check: undefined as unknown },
    name: 'Electron',
    paths: {} as Record<string, string>,
    loadError: null as Error | null,
    errorBox: null as unknown as ReturnType<typeof vi.fn>,
    desk: null as any,
    deskOptions: [] as unknown[],
    ready: null as unknown as () => void,
    menu: null as unknown as Array<{ label?: string; submenu?: Array<{ label?: string; accelerator?: string; click?: () => void }> }>,
    nativeTheme: { themeSource: 'system' as string },
    openDialog: null as unknown as ReturnType<typeof vi.fn<(...args: unknown[]) => Promise<unknown>>>,
    shown: [] as unknown[],
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = new EventEmitter() as Emitter & Record<string, unknown>;
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  Object.assign(app, {
    getName: () => fake.name,
    setName: (name: string) => (fake.name = name),
    getPath: (name: string) => fake.paths[name] ?? (name === 'appData' ? '/home/someone/.config' : `/default/${name}`),
    setPath: (name: string, value: string) => (fake.paths[name] = value),
    whenReady: () => ready,
    isReady: () => true,
    requestSingleInstanceLock: () => true,
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      app.emit('before-quit', event);
    }),
    exit: vi.fn(),
  });
  fake.app = app;
  fake.ready = readyResolve;

  class BrowserWindow extends EventEmitter {
    webContents: Emitter & Record<string, unknown>;
    options: Record<string, unknown>;
    url?: string;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      const contents = new EventEmitter() as Emitter & Record<string, unknown>;
      contents.sent = [] as unknown[];
      contents.send = (channel: string, message: unknown) => (contents.sent as unknown[]).push({ channel, message });
      contents.isDestroyed = () => false;
      this.webContents = contents;
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      this.url = url;
      return fake.loadError ? Promise.reject(fake.loadError) : Promise.resolve();
    }
    show() {}
    maximize() {}
    isMinimized() { return false; }
    isMaximized() { return false; }
    isDestroyed() { return false; }
    getNormalBounds() { return { x: 0, y: 0, width: 1280, height: 820 }; }
    restore() {}
    focus() {}
    static fromWebContents(contents: unknown) {
      return fake.windows.find((w) => w.webContents === contents) ?? null;
    }
  }
  class Notification {
    static isSupported() { return true; }
    constructor(readonly options: unknown) {}
    on() {}
    show() { fake.shown.push(this.options); }
  }
  fake.openDialog = vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/picked'] }) as unknown);

  fake.errorBox = vi.fn();
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: fake.errorBox, showOpenDialog: (...args: unknown[]) => fake.openDialog(...args) },
    Menu: {
      buildFromTemplate: (template: never) => template,
      setApplicationMenu: (menu: never) => (fake.menu = menu),
    },
    Notification,
    nativeTheme: fake.nativeTheme,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: {
      handle: (channel: string, listener: unknown) => fake.handles.set(channel, listener),
      removeHandler: (channel: string) => fake.handles.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
      handle: (scheme: string, handler: never) => fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => (fake.session.request = handler),
        setPermissionCheckHandler: (handler: unknown) => (fake.session.check = handler),
      },
    },
    shell: { openExternal: vi.fn(async () => {}) },
  };
});

vi.mock('../../../electron/desk/index', () => ({
  createDesk: vi.fn(async (options: unknown) => {
    fake.deskOptions.push(options);
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const desk: Record<string, unknown> = {
      dataDir: (options as { dataDir: string }).dataDir,
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
      raise: (event: string, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload)),
      listening: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
      close: vi.fn(async () => {}),
    };
    for (const method of DESK_METHODS) desk[method] = vi.fn(async () => ({ from: method }));
    desk.getSettings = vi.fn(async () => ({ theme: 'dark' }));
    desk.updateSettings = vi.fn(async (request: { theme?: string }) => ({ theme: request.theme ?? 'dark' }));
    fake.desk = desk;
    return desk;
  }),
}));

afterEach(() => {
  vi.restoreAllMocks();
});

async function importMain(argv: string[]) {
  const saved = process.argv;
  process.argv = ['/usr/bin/electron', '--no-sandbox', '/opt/desk', ...argv];
  try {
    await import('../../../electron/main');
  } finally {
    process.argv = saved;
  }
}

describe('main', () => {
  it('starts up hardened and wires the service to one window', async () => {
    await importMain(['--data-dir', '/srv/desk-data', '--privilege=sudo']);

    // Before ready: started on the bundle alone, Electron would be "Electron", with
    // ~/.config/Electron; the Desk takes its own name and data paths. app:// is privileged.
    expect(fake.name).toBe('Checkpoint Desk');
    expect(fake.paths).toEqual({ userData: '/home/someone/.config/Checkpoint Desk', sessionData: '/home/someone/.config/Checkpoint Desk' });
    expect(fake.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.windows).toHaveLength(0);

    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const win = fake.windows[0]!;

    expect(fake.deskOptions).toEqual([{ dataDir: '/srv/desk-data', privilege: 'sudo' }]);
    expect(win.url).toBe('app://desk/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect((win.options.webPreferences as Record<string, unknown>).webSecurity).not.toBe(false);

    // The page is served by app://, permissions are locked, every call is handled.
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect(typeof fake.session.request).toBe('function');
    expect(typeof fake.session.check).toBe('function');
    expect([...fake.handles.keys()].sort()).toEqual([...DESK_METHODS.map(ipcChannel), ...SHELL_METHODS.map(shellChannel)].sort());

    // nativeTheme follows the stored theme, and every settings change.
    expect(fake.nativeTheme.themeSource).toBe('dark');
    const update = fake.handles.get(ipcChannel('updateSettings')) as (event: unknown, payload: unknown) => Promise<unknown>;
    await expect(update({ senderFrame: { url: 'app://desk/index.html' } }, { theme: 'light' })).resolves.toMatchObject({ ok: true });
    expect(fake.nativeTheme.themeSource).toBe('light');

    // The native picker answers our page, with the window that asked as its parent.
    const pick = fake.handles.get(shellChannel('pickFolder')) as (event: unknown, payload: unknown) => Promise<unknown>;
    const ours = { senderFrame: { url: 'app://desk/index.html' }, sender: win.webContents };
    await expect(pick(ours, { purpose: 'root' })).resolves.toEqual({ ok: true, result: '/picked' });
    expect(fake.openDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: expect.arrayContaining(['openDirectory']) }));
    await expect(pick({ senderFrame: { url: 'https://evil.example/' } }, { purpose: 'root' })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notify = fake.handles.get(shellChannel('notify')) as (event: unknown, payload: unknown) => Promise<unknown>;
    await expect(notify(ours, { title: 'Checkpoint succeeded', body: 'web-1' })).resolves.toEqual({ ok: true, result: true });
    expect(fake.shown).toEqual([{ title: 'Checkpoint succeeded', body: 'web-1' }]);

    // The menu: accelerators for refresh, find, the five views and settings, sent to the page.
    const items = fake.menu.flatMap((m) => m.submenu ?? []);
    const accelerators = Object.fromEntries(items.filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]));
    expect(accelerators).toEqual({
      Refresh: 'CmdOrCtrl+R',
      'Settings…': 'CmdOrCtrl+,',
      'Find in Log': 'CmdOrCtrl+F',
      Containers: 'CmdOrCtrl+1',
      Images: 'CmdOrCtrl+2',
      Jobs: 'CmdOrCtrl+3',
      Runtime: 'CmdOrCtrl+4',
      Settings: 'CmdOrCtrl+5',
    });
    items.find((i) => i.label === 'Jobs')!.click!();
    expect(win.webContents.sent).toEqual([{ channel: SHELL_MENU_CHANNEL, message: 'view:jobs' }]);
    win.webContents.sent.length = 0;

    // A call from our page reaches the service; one from elsewhere does not.
    const overview = fake.handles.get(ipcChannel('getOverview')) as (event: unknown, payload: unknown) => Promise<unknown>;
    await expect(overview({ senderFrame: { url: 'app://desk/index.html' } }, {})).resolves.toEqual({
      ok: true,
      result: { from: 'getOverview' },
    });
    await expect(overview({ senderFrame: { url: 'https://evil.example/' } }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Any web contents created gets the locks.
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);

    // Events: subscribed while the window lives, queued until dom-ready.
    const event = DESK_EVENTS[0]!;
    expect(fake.desk.listening()).toBe(DESK_EVENTS.length);
    fake.desk.raise(event, { early: true });
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('dom-ready');
    fake.desk.raise(event, { late: true });
    expect(win.webContents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, message: { event, payload: { early: true } } },
      { channel: IPC_EVENT_CHANNEL, message: { event, payload: { late: true } } },
    ]);
    win.webContents.emit('destroyed');
    expect(fake.desk.listening()).toBe(0);

    // Quitting waits for the service to close, then quits for real.
    const quitEvent = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    expect(fake.desk.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(fake.handles.size).toBe(0);
  });
});

describe('main, started on the app folder', () => {
  it('keeps the name package.json gave, and reports a page that cannot load, then quits', async () => {
    vi.resetModules();
    Object.assign(fake, {
      name: 'Checkpoint Desk',
      paths: {},
      windows: [],
      handles: new Map(),
      privileged: [],
      protocolHandlers: new Map(),
      deskOptions: [],
      loadError: new Error('ERR_FILE_NOT_FOUND (-6) loading app://desk/index.html'),
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await importMain(['--data-dir', '/srv/desk-data']);
    expect(fake.paths).toEqual({});

    fake.ready();
    await vi.waitFor(() => expect(fake.errorBox).toHaveBeenCalledTimes(1));
    expect(fake.errorBox).toHaveBeenCalledWith('Checkpoint Desk', expect.stringMatching(/Could not load the Desk's page.*\n\nERR_FILE_NOT_FOUND/s));
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Checkpoint Desk: Could not load the Desk's page .*ERR_FILE_NOT_FOUND/));
    // Quitting still closes the service first.
    expect(fake.app.quit).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.desk.close).toHaveBeenCalledTimes(1));
  });
});
