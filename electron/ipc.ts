// One ipcMain.handle per DeskApi call. Each checks who is asking, then goes through the
// same dispatch gate as the headless server, and answers an IpcAnswer: ipcMain would
// otherwise flatten a thrown error into a string and lose its code and details.
import { ipcChannel, type IpcAnswer } from '../shared/api';
import { DeskError } from '../shared/errors';
import { DESK_METHODS } from '../shared/schemas';
import { dispatch } from './desk/dispatch';
import type { DeskHandlers } from './desk/handlers';
import type { SenderFrame } from './app-origin';

export interface InvokeEventLike {
  readonly senderFrame?: SenderFrame | null;
}

/** The part of Electron's ipcMain this module uses, so tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Registers every call; returns the function that removes them again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  desk: DeskHandlers,
  isTrustedFrame: (frame: SenderFrame | null | undefined) => boolean,
): () => void {
  const channels = DESK_METHODS.map((method) => {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, (event, payload) => answer(desk, method, event, payload, isTrustedFrame));
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function answer(
  desk: DeskHandlers,
  method: string,
  event: InvokeEventLike,
  payload: unknown,
  isTrustedFrame: (frame: SenderFrame | null | undefined) => boolean,
): Promise<IpcAnswer<unknown>> {
  try {
    // senderFrame is null once the frame has navigated away or gone; a message from it
    // can no longer be attributed to our page, so it is refused like a foreign one.
    const frame = event.senderFrame;
    if (!isTrustedFrame(frame)) {
      throw new DeskError('FORBIDDEN', `Refused ${method}: the request did not come from Checkpoint Desk's own page.`, {
        origin: frame?.url ?? null,
      });
    }
    return { ok: true, result: await dispatch(desk, method, payload) };
  } catch (error) {
    return { ok: false, error: DeskError.from(error).toJSON() };
  }
}
