// The preload: exposes the DeskApi as `window.desk`, and nothing else. It is bundled
// into one file because a sandboxed preload can require only 'electron'.
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
  const reply = (await ipcRenderer.invoke(ipcChannel(method), request)) as IpcAnswer<unknown> | undefined;
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
