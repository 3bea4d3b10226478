// The preload: exposes the DeskApi as `window.desk`, and the desktop shell's own few
// calls (folder picker, reveal, notification, menu) as `window.deskShell`; nothing else.
// It is bundled into one file because a sandboxed preload can require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import {
  DESK_EVENTS,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  type DeskApi,
  type DeskEventName,
  type IpcAnswer,
} from '../shared/api';
import { isDeskErrorShape, type DeskErrorShape } from '../shared/errors';
import { DESK_METHODS, type DeskMethod } from '../shared/schemas';
import { MENU_COMMANDS, SHELL_MENU_CHANNEL, SHELL_METHODS, shellChannel, type DeskShell, type MenuCommand, type ShellMethod } from '../shared/shell-api';

/**
 * What a failed call rejects with. contextBridge rebuilds an Error in the page's world
 * from its message alone, dropping `code` and `details`; a plain object crosses intact,
 * so the page gets `{ name, code, message, details }` and can `DeskError.from()` it.
 */
export type DeskRejection = DeskErrorShape & { name: 'DeskError' };

function rejection(error: unknown): DeskRejection {
  if (isDeskErrorShape(error)) {
    const out: DeskRejection = { name: 'DeskError', code: error.code, message: error.message };
    if (error.details !== undefined) out.details = error.details;
    return out;
  }
  return { name: 'DeskError', code: 'INTERNAL', message: 'The main process gave an answer the preload could not read.' };
}

async function call(method: DeskMethod, request: unknown): Promise<unknown> {
  return invoke(ipcChannel(method), request);
}

async function invoke(channel: string, request: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channel, request)) as IpcAnswer<unknown> | undefined;
  if (reply && reply.ok === true) return reply.result;
  throw rejection(reply && reply.ok === false ? reply.error : undefined);
}

// One IPC listener for the whole page, registered once; pages subscribe locally.
type Listener = (payload: unknown) => void;
const listeners = new Map<DeskEventName, Set<Listener>>(DESK_EVENTS.map((name) => [name, new Set<Listener>()]));

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  const set = listeners.get(event as DeskEventName);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (error) {
      // One broken subscriber must not starve the others.
      console.error(`window.desk listener for ${String(event)} threw`, error);
    }
  }
});

function on(event: DeskEventName, listener: Listener): () => void {
  const set = listeners.get(event);
  if (!set) throw new TypeError(`window.desk.on: there is no event named "${String(event)}".`);
  if (typeof listener !== 'function') throw new TypeError('window.desk.on: the listener must be a function.');
  set.add(listener);
  // contextBridge hands main-world functions over as fresh proxies, so an `off(fn)`
  // could never match; the disposer closes over the very proxy that was added.
  return () => {
    set.delete(listener);
  };
}

const calls = Object.fromEntries(DESK_METHODS.map((method) => [method, (request: unknown) => call(method, request)]));

const deskApi = { ...calls, on } as unknown as DeskApi;

contextBridge.exposeInMainWorld('desk', deskApi);

// The shell's calls, and the application menu's commands: one listener set, like events.
const menuListeners = new Set<(command: MenuCommand) => void>();
ipcRenderer.on(SHELL_MENU_CHANNEL, (_event, command: unknown) => {
  if (!MENU_COMMANDS.includes(command as MenuCommand)) return;
  for (const listener of [...menuListeners]) {
    try {
      listener(command as MenuCommand);
    } catch (error) {
      console.error(`window.deskShell menu listener for ${String(command)} threw`, error);
    }
  }
});

const shellCalls = Object.fromEntries(SHELL_METHODS.map((method: ShellMethod) => [method, (request: unknown) => invoke(shellChannel(method), request)]));

const deskShell = {
  ...shellCalls,
  onMenu(listener: (command: MenuCommand) => void) {
    if (typeof listener !== 'function') throw new TypeError('window.deskShell.onMenu: the listener must be a function.');
    menuListeners.add(listener);
    return () => {
      menuListeners.delete(listener);
    };
  },
} as unknown as DeskShell;

contextBridge.exposeInMainWorld('deskShell', deskShell);
