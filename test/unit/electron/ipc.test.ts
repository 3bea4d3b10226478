// ipc.ts with a fake ipcMain and a fake service: every call is registered, the sender
// and the payload are checked before the service sees anything.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import { DESK_METHODS, type DeskMethod } from '../../../shared/schemas';
import { isTrustedFrame } from '../../../electron/app-origin';
import type { DeskHandlers } from '../../../electron/desk/handlers';
import { registerIpc, type InvokeEventLike, type IpcMainLike } from '../../../electron/ipc';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  return { ipcMain, handlers };
}

function fakeDesk() {
  const calls = Object.fromEntries(
    DESK_METHODS.map((method) => [method, vi.fn(async (request: unknown) => ({ method, request }))]),
  ) as unknown as Record<DeskMethod, ReturnType<typeof vi.fn>>;
  return { desk: calls as unknown as DeskHandlers, calls };
}

const ownPage: InvokeEventLike = { senderFrame: { url: 'app://desk/index.html' } };

let handlers: Map<string, Listener>;
let calls: Record<DeskMethod, ReturnType<typeof vi.fn>>;
let dispose: () => void;

beforeEach(() => {
  const fakeMain = fakeIpcMain();
  const service = fakeDesk();
  handlers = fakeMain.handlers;
  calls = service.calls;
  dispose = registerIpc(fakeMain.ipcMain, service.desk, isTrustedFrame);
});

function invoke(method: DeskMethod, payload: unknown, event: InvokeEventLike = ownPage) {
  const handler = handlers.get(ipcChannel(method));
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(event, payload) as Promise<unknown>;
}

const noServiceCalls = () => {
  for (const method of DESK_METHODS) expect(calls[method]).not.toHaveBeenCalled();
};

describe('registerIpc', () => {
  it('registers one handler per DeskApi call, and no other', () => {
    expect([...handlers.keys()].sort()).toEqual(DESK_METHODS.map(ipcChannel).sort());
  });

  it('removes them all again', () => {
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers {ok:true,result} for a valid call, with the parsed request', async () => {
    await expect(invoke('getContainer', { root: '/run/runsc', id: 'web-1' })).resolves.toEqual({
      ok: true,
      result: { method: 'getContainer', request: { root: '/run/runsc', id: 'web-1' } },
    });
    expect(calls.getContainer).toHaveBeenCalledTimes(1);
  });

  it('hands the service the parsed request, with defaults filled in', async () => {
    await invoke('addRoot', { path: '/var/run/docker/runtime-runc/moby' });
    expect(calls.addRoot).toHaveBeenCalledWith({ path: '/var/run/docker/runtime-runc/moby', globalFlags: [] });
  });

  it('accepts a call without an argument where the request is empty', async () => {
    await expect(invoke('getOverview', undefined)).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['../x', 'id'],
    ['-rf', 'id'],
  ])('refuses getContainer with id %s as INVALID_INPUT naming the field', async (id, field) => {
    const answer = await invoke('getContainer', { root: '/run/runsc', id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field } } });
    expect((answer as { error: { message: string } }).error.message).toContain(field);
    noServiceCalls();
  });

  it('refuses an unknown key, naming it', async () => {
    const answer = await invoke('getContainer', { root: '/run/runsc', id: 'web-1', shell: 'rm -rf /' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'shell' } } });
    noServiceCalls();
  });

  it('refuses a relative root path', async () => {
    const answer = await invoke('listContainers', { root: 'run/runsc' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'root' } } });
    noServiceCalls();
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/index.html' } }],
    ['a file:// page', { senderFrame: { url: 'file:///work/main/dist/renderer/index.html' } }],
    ['a look-alike host', { senderFrame: { url: 'app://desk.evil/index.html' } }],
    ['a frame that is gone', { senderFrame: null }],
    ['no frame at all', {}],
  ])('refuses %s with FORBIDDEN before anything else', async (_name, event) => {
    // Even a valid payload is refused: the sender is checked first.
    const answer = await invoke('stopContainer', { root: '/run/runsc', id: 'web-1' }, event as InvokeEventLike);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    noServiceCalls();
  });

  it('keeps the code and details of a service error, and wraps a plain one as INTERNAL', async () => {
    calls.stopContainer.mockRejectedValueOnce(new Error('runsc kill failed'));
    calls.getContainer.mockRejectedValueOnce(
      new DeskError('RUNSC_FAILED', 'runsc state failed', { argv: ['runsc', 'state', 'web-1'], exitCode: 1, stderr: 'boom' }),
    );
    await expect(invoke('getContainer', { root: '/run/runsc', id: 'web-1' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'RUNSC_FAILED',
        message: 'runsc state failed',
        details: { argv: ['runsc', 'state', 'web-1'], exitCode: 1, stderr: 'boom' },
      },
    });
    await expect(invoke('stopContainer', { root: '/run/runsc', id: 'web-1' })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'runsc kill failed' },
    });
  });

  it('answers rather than throws, so ipcMain never flattens an error', async () => {
    calls.getSettings.mockImplementationOnce(() => {
      throw 'not even an Error';
    });
    await expect(invoke('getSettings', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'not even an Error' },
    });
  });
});
