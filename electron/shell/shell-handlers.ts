// The shell calls bound to Electron: the native folder picker, the file manager and
// system notifications. Electron's objects come in as narrow interfaces so the rules
// (cancel changes nothing, a missing path is said so, a click brings the window
// forward) are tested with fakes.
import { lstat } from 'node:fs/promises';
import { DeskError } from '../../shared/errors';
import type { FolderPurpose } from '../../shared/shell-api';
import type { InvokeEventLike } from '../ipc';
import type { ShellHandlers } from './shell-ipc';

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  isDestroyed(): boolean;
}

export interface OpenDialogOptions {
  title: string;
  buttonLabel: string;
  defaultPath?: string;
  properties: ('openDirectory' | 'createDirectory' | 'showHiddenFiles')[];
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface ShellElectron {
  showOpenDialog(win: FocusableWindow | null, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showItemInFolder(path: string): void;
  notificationsSupported(): boolean;
  createNotification(options: { title: string; body: string }): NotificationLike;
  /** The window whose page sent the request. */
  windowOf(event: InvokeEventLike): FocusableWindow | null;
  /** The Desk's window, for a notification click. */
  mainWindow(): FocusableWindow | null;
}

const PICKER: Record<FolderPurpose, { title: string; buttonLabel: string }> = {
  'image-path': { title: 'Choose the folder for the checkpoint image', buttonLabel: 'Use this folder' },
  root: { title: 'Choose a runsc root', buttonLabel: 'Add this root' },
  'image-dir': { title: 'Choose a folder of checkpoint images', buttonLabel: 'Add this folder' },
  // runsc ships as one file named runsc: the folder that holds it names it.
  'runsc-dir': { title: 'Choose the folder that holds runsc', buttonLabel: 'Use its runsc' },
};

/** Brings the window forward, restoring it when minimized. */
export function bringForward(win: FocusableWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export function shellHandlers(electron: ShellElectron, exists: (path: string) => Promise<boolean> = pathExists): ShellHandlers {
  return {
    async pickFolder({ purpose, defaultPath }, event) {
      const result = await electron.showOpenDialog(electron.windowOf(event), {
        ...PICKER[purpose],
        ...(defaultPath ? { defaultPath } : {}),
        properties: ['openDirectory', 'createDirectory', 'showHiddenFiles'],
      });
      // Cancelled: nothing changes.
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
    async reveal({ path }) {
      if (!(await exists(path))) {
        throw new DeskError('NOT_FOUND', `${path} is not there any more, so the file manager cannot show it. Refresh the list.`, { field: 'path' });
      }
      electron.showItemInFolder(path);
    },
    async notify({ title, body }) {
      if (!electron.notificationsSupported()) return false;
      const notification = electron.createNotification({ title, body });
      notification.on('click', () => bringForward(electron.mainWindow()));
      notification.show();
      return true;
    },
  };
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    // A folder the person may not read (a root-owned image) still exists.
    return (error as NodeJS.ErrnoException).code === 'EACCES';
  }
}
