// The desktop shell: one hardened window on app://desk/, the service behind IPC.
// Everything that decides something lives in small modules beside this one; this file
// only wires them to Electron's objects and the app's lifecycle.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, Notification, protocol, screen, session, shell } from 'electron';
import { SHELL_MENU_CHANNEL, type MenuCommand } from '../shared/shell-api';
import { APP_INDEX_URL, APP_SCHEME, isTrustedFrame } from './app-origin';
import { APP_SCHEME_PRIVILEGES, serveAppFile } from './app-protocol';
import { parseDesktopArgs, type DesktopOptions } from './cli-args';
import { openDesk } from './helper/open-desk';
import type { DeskService } from './desk/handlers';
import { createEventBridge, type EventBridge } from './event-bridge';
import { registerIpc } from './ipc';
import { appMenuTemplate } from './shell/app-menu';
import { applyStoredTheme, followTheme } from './shell/native-theme';
import { bringForward, shellHandlers } from './shell/shell-handlers';
import { registerShellIpc } from './shell/shell-ipc';
import { DEFAULT_SIZE, MIN_SIZE, fitToDisplays, readWindowState, trackWindowState, windowStatePath, type WindowState } from './shell/window-state';
import { hardenSession, hardenWebContents, secureWebPreferences, type HardenableContents } from './window-security';

// main.cjs sits in dist/electron/, beside preload.cjs; Vite writes dist/renderer/.
const PRELOAD = path.join(__dirname, 'preload.cjs');
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

// The name that package.json's productName gives when Electron is started on the app
// folder, as start.mjs does. Started on the bundle as a file, Electron would be
// "Electron", sharing ~/.config/Electron and its single-instance lock with every other
// unpackaged Electron app, so the Desk would quit silently beside any of them.
const APP_NAME = 'Checkpoint Desk';

// main.ts's own exits; start.mjs does not fall back to the headless shell after them,
// which would stop the same way. Anything else soon after start is Electron failing.
const EXIT_BAD_ARGUMENTS = 2;
const EXIT_DESK_FAILED = 3;

// Running as root needs Chromium's sandbox off, and only the command line is early
// enough for that: Chromium checks before any JavaScript. start.mjs passes --no-sandbox.

// All before 'ready': the paths are read by the single-instance lock and the session.
if (app.getName() !== APP_NAME) {
  app.setName(APP_NAME);
  app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));
  app.setPath('sessionData', app.getPath('userData'));
}
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Every web contents, not only our window's, gets the navigation and window-open locks.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents as unknown as HardenableContents, shell);
});

function createWindow(saved: WindowState | null): BrowserWindow {
  const win = new BrowserWindow({
    ...(saved ? saved.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Checkpoint Desk',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(PRELOAD),
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  trackWindowState(win, windowStatePath(app.getPath('userData')));
  // A page that cannot load leaves an empty window that never shows; say so and end.
  win.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    report(`Could not load the Desk's page (${APP_INDEX_URL})`, error);
    app.quit();
  });
  return win;
}

/** Says why on the terminal and, once there is a screen to say it on, in a box. */
function report(message: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`Checkpoint Desk: ${message}: ${detail}`);
  if (app.isReady()) dialog.showErrorBox('Checkpoint Desk', `${message}.\n\n${detail}`);
}

/**
 * The service runs in this process (root) or in the privileged helper (a person). A
 * refused sudo rule or a dismissed pkexec prompt is worth a retry, not a dead app.
 */
async function openDeskOrRetry(options: DesktopOptions): Promise<DeskService | null> {
  for (;;) {
    try {
      // The helper sits beside this bundle: one fixed file that sudoers or polkit names.
      return await openDesk({ ...options, helperPath: path.join(__dirname, 'desk-helper.cjs') });
    } catch (error) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Checkpoint Desk',
        message: `Could not start the Desk service with data in ${options.dataDir}`,
        detail: error instanceof Error ? error.message : String(error),
        buttons: ['Retry', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) {
        console.error(`Checkpoint Desk: could not start the Desk service: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }
    }
  }
}

async function start(options: DesktopOptions): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppFile(RENDERER_DIR, request));

  const desk = await openDeskOrRetry(options);
  if (!desk) {
    app.exit(EXIT_DESK_FAILED);
    return;
  }

  // The window frame and native dialogs follow the theme setting, from the start.
  await applyStoredTheme(desk, nativeTheme);
  const disposeIpc = registerIpc(ipcMain, followTheme(desk, nativeTheme), isTrustedFrame);
  const events: EventBridge = createEventBridge(desk);
  let win: BrowserWindow | null = null;

  const disposeShell = registerShellIpc(
    ipcMain,
    shellHandlers({
      showOpenDialog: (parent, dialogOptions) => (parent ? dialog.showOpenDialog(parent as BrowserWindow, dialogOptions) : dialog.showOpenDialog(dialogOptions)),
      showItemInFolder: (file) => shell.showItemInFolder(file),
      notificationsSupported: () => Notification.isSupported(),
      createNotification: (notification) => new Notification(notification),
      windowOf: (event) => BrowserWindow.fromWebContents((event as { sender: Electron.WebContents }).sender),
      mainWindow: () => win,
    }),
    isTrustedFrame,
  );
  const sendMenu = (command: MenuCommand) => {
    if (win && !win.isDestroyed()) win.webContents.send(SHELL_MENU_CHANNEL, command);
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(sendMenu) as Electron.MenuItemConstructorOptions[]));

  const open = async () => {
    // A place saved on a display that is gone is not used: the window would be unreachable.
    const saved = fitToDisplays(await readWindowState(windowStatePath(app.getPath('userData'))), screen.getAllDisplays().map((d) => d.workArea));
    win = createWindow(saved);
    events.attach(win.webContents);
    win.on('closed', () => {
      win = null;
    });
  };
  // The single-instance lock (below) sends a second launch here: bring this window forward.
  app.on('second-instance', () => {
    if (!win) return void open();
    bringForward(win);
  });

  // A Linux tool first: closing the last window ends the app, on every platform.
  app.on('window-all-closed', () => app.quit());

  // The service may have jobs to persist; let it finish before the process goes.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    events.close();
    disposeIpc();
    disposeShell();
    desk
      .close()
      .catch((error: unknown) => console.error('Checkpoint Desk: closing the service failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  // Last: a page that cannot load quits at once, and the handlers above must see it.
  await open();
}

function readOptions(): DesktopOptions | null {
  try {
    // argv holds Electron, Chromium's switches (--no-sandbox) and the app folder too;
    // the parser reads only its own options and leaves the rest.
    return parseDesktopArgs(process.argv.slice(1));
  } catch (error) {
    console.error(`Checkpoint Desk: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

// One Desk per user: two on the same data dir would race on the job files, so a
// second start only brings the first one's window forward.
const options = readOptions();
if (!options) {
  app.exit(EXIT_BAD_ARGUMENTS);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start(options).catch((error: unknown) => {
    report('Could not start', error);
    app.exit(EXIT_DESK_FAILED);
  });
}
