// The desktop shell's own calls: what only a desktop app can do (a native folder
// picker, the file manager, a system notification, the application menu). Not DeskApi
// calls: the service knows nothing of windows. The Electron preload exposes them as
// `window.deskShell`; the headless shell has none, and renderer/lib/desktop.ts falls
// back to what a browser can do.

/** What a folder is picked for; sets the dialog's title and button. */
export type FolderPurpose = 'image-path' | 'root' | 'image-dir' | 'runsc-dir';

export interface ShellRequests {
  pickFolder: { purpose: FolderPurpose; defaultPath?: string };
  reveal: { path: string };
  notify: { title: string; body: string };
}

export interface ShellResults {
  /** The folder, or null when the person cancelled. */
  pickFolder: string | null;
  reveal: void;
  /** false where the system has no notification service. */
  notify: boolean;
}

export type ShellMethod = keyof ShellRequests;
export const SHELL_METHODS: readonly ShellMethod[] = ['pickFolder', 'reveal', 'notify'];

/** The application menu's commands, sent from main to the focused window. */
export type MenuCommand = 'refresh' | 'find' | 'view:containers' | 'view:images' | 'view:jobs' | 'view:runtime' | 'view:settings';
export const MENU_COMMANDS: readonly MenuCommand[] = ['refresh', 'find', 'view:containers', 'view:images', 'view:jobs', 'view:runtime', 'view:settings'];

export type DeskShellCalls = { [M in ShellMethod]: (request: ShellRequests[M]) => Promise<ShellResults[M]> };

export interface DeskShell extends DeskShellCalls {
  /** Subscribes to the application menu; returns the function that unsubscribes. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** IPC channel names: one per call, one for menu commands. */
export const shellChannel = (method: ShellMethod): string => `shell:${method}`;
export const SHELL_MENU_CHANNEL = 'shell:menu';

/** Bounds main enforces on what a page asks it to show. */
export const MAX_NOTIFY_TITLE = 200;
export const MAX_NOTIFY_BODY = 1000;
export const MAX_SHELL_PATH = 4096;
