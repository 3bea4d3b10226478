// One ipcMain.handle per shell call (folder picker, reveal, notification), each checked
// like a DeskApi call: a request from anything but our own page is refused. Answers an
// IpcAnswer so the page gets a DeskError's code and message, as with window.desk.
import { z } from 'zod';
import type { IpcAnswer } from '../../shared/api';
import { DeskError } from '../../shared/errors';
import { absolutePath } from '../../shared/schemas';
import {
  MAX_NOTIFY_BODY,
  MAX_NOTIFY_TITLE,
  MAX_SHELL_PATH,
  SHELL_METHODS,
  shellChannel,
  type ShellMethod,
  type ShellRequests,
  type ShellResults,
} from '../../shared/shell-api';
import type { SenderFrame } from '../app-origin';
import type { IpcMainLike, InvokeEventLike } from '../ipc';

const shellPath = absolutePath.pipe(z.string().max(MAX_SHELL_PATH));

const REQUESTS: { [M in ShellMethod]: z.ZodType<ShellRequests[M]> } = {
  pickFolder: z.strictObject({ purpose: z.enum(['image-path', 'root', 'image-dir', 'runsc-dir']), defaultPath: shellPath.optional() }),
  reveal: z.strictObject({ path: shellPath }),
  notify: z.strictObject({ title: z.string().min(1).max(MAX_NOTIFY_TITLE), body: z.string().max(MAX_NOTIFY_BODY) }),
};

/** What each call does, given the window that asked; main.ts binds them to Electron. */
export type ShellHandlers = { [M in ShellMethod]: (request: ShellRequests[M], event: InvokeEventLike) => Promise<ShellResults[M]> };

export function registerShellIpc(
  ipcMain: IpcMainLike,
  handlers: ShellHandlers,
  isTrustedFrame: (frame: SenderFrame | null | undefined) => boolean,
): () => void {
  const channels = SHELL_METHODS.map((method) => {
    const channel = shellChannel(method);
    ipcMain.handle(channel, (event, payload) => answer(handlers, method, event, payload, isTrustedFrame));
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function answer<M extends ShellMethod>(
  handlers: ShellHandlers,
  method: M,
  event: InvokeEventLike,
  payload: unknown,
  isTrustedFrame: (frame: SenderFrame | null | undefined) => boolean,
): Promise<IpcAnswer<ShellResults[M]>> {
  try {
    const frame = event.senderFrame;
    if (!isTrustedFrame(frame)) {
      throw new DeskError('FORBIDDEN', `Refused ${method}: the request did not come from Checkpoint Desk's own page.`, {
        origin: frame?.url ?? null,
      });
    }
    const parsed = REQUESTS[method].safeParse(payload);
    if (!parsed.success) {
      throw new DeskError('INVALID_INPUT', `${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
    }
    const handler = handlers[method] as (request: ShellRequests[M], event: InvokeEventLike) => Promise<ShellResults[M]>;
    return { ok: true, result: await handler(parsed.data as ShellRequests[M], event) };
  } catch (error) {
    return { ok: false, error: DeskError.from(error).toJSON() };
  }
}
