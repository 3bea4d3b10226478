// The preload, with electron mocked: what it exposes, which channels it uses, how
// errors and events come through.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESK_EVENTS, IPC_EVENT_CHANNEL, ipcChannel, type DeskApi } from '../../../shared/api';
import { DESK_METHODS } from '../../../shared/schemas';
import { SHELL_MENU_CHANNEL, SHELL_METHODS, shellChannel, type DeskShell } from '../../../shared/shell-api';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  eventListeners: [] as Array<{ channel: string; listener: (event: unknown, message: unknown) => void }>,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      fake.eventListeners.push({ channel, listener });
    },
  },
}));

let desk: DeskApi;
let deskShell: DeskShell;

beforeAll(async () => {
  await import('../../../electron/preload');
  desk = fake.exposed.get('desk') as DeskApi;
  deskShell = fake.exposed.get('deskShell') as DeskShell;
});

beforeEach(() => {
  fake.invoke.mockReset();
});

const emit = (message: unknown, channel = IPC_EVENT_CHANNEL) =>
  fake.eventListeners.filter((l) => l.channel === channel).forEach(({ listener }) => listener({}, message));

describe('preload', () => {
  it('exposes only window.desk and window.deskShell', () => {
    expect([...fake.exposed.keys()]).toEqual(['desk', 'deskShell']);
  });

  it('deskShell has the shell calls and onMenu, each on its own channel', async () => {
    expect(Object.keys(deskShell).sort()).toEqual([...SHELL_METHODS, 'onMenu'].sort());
    for (const method of SHELL_METHODS) {
      fake.invoke.mockResolvedValueOnce({ ok: true, result: `answer of ${method}` });
      const call = deskShell[method] as (request: unknown) => Promise<unknown>;
      await expect(call({ marker: method })).resolves.toBe(`answer of ${method}`);
      expect(fake.invoke).toHaveBeenLastCalledWith(shellChannel(method), { marker: method });
    }
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    await expect(deskShell.reveal({ path: '/x' })).rejects.toEqual({ name: 'DeskError', code: 'FORBIDDEN', message: 'no' });
  });

  it('passes known menu commands to onMenu listeners until they unsubscribe, and drops others', () => {
    const seen: string[] = [];
    const off = deskShell.onMenu((command) => seen.push(command));
    emit('view:jobs', SHELL_MENU_CHANNEL);
    emit('rm -rf', SHELL_MENU_CHANNEL);
    emit({ event: 'job:update', payload: {} });
    off();
    emit('refresh', SHELL_MENU_CHANNEL);
    expect(seen).toEqual(['view:jobs']);
    expect(() => deskShell.onMenu('nope' as never)).toThrow(TypeError);
  });

  it('exposes every DeskApi call plus on, and nothing else', () => {
    expect(Object.keys(desk).sort()).toEqual([...DESK_METHODS, 'on'].sort());
    for (const key of Object.keys(desk)) expect(typeof (desk as unknown as Record<string, unknown>)[key]).toBe('function');
  });

  it('listens for events on one channel, once', () => {
    expect(fake.eventListeners.map(({ channel }) => channel)).toEqual([IPC_EVENT_CHANNEL, SHELL_MENU_CHANNEL]);
  });

  it.each(DESK_METHODS)('%s invokes its own channel with the request', async (method) => {
    fake.invoke.mockResolvedValueOnce({ ok: true, result: { answered: method } });
    const request = { marker: method };
    const call = desk[method] as (request: unknown) => Promise<unknown>;
    await expect(call(request)).resolves.toEqual({ answered: method });
    expect(fake.invoke).toHaveBeenCalledTimes(1);
    expect(fake.invoke).toHaveBeenCalledWith(ipcChannel(method), request);
  });

  it('rejects with code, message and details intact', async () => {
    const error = { code: 'INVALID_INPUT', message: 'getContainer: id must start with a letter', details: { field: 'id' } };
    fake.invoke.mockResolvedValueOnce({ ok: false, error });
    await expect(desk.getContainer({ root: '/run/runsc', id: '-rf' })).rejects.toEqual({ name: 'DeskError', ...error });
  });

  it('rejects with a plain object, since contextBridge keeps only the message of an Error', async () => {
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'RUNSC_FAILED', message: 'runsc exited 128' } });
    const rejection: unknown = await desk.getOverview({}).catch((e: unknown) => e);
    expect(rejection).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(rejection)).toBe(Object.prototype);
    expect(rejection).toEqual({ name: 'DeskError', code: 'RUNSC_FAILED', message: 'runsc exited 128' });
  });

  it('turns an unreadable answer into INTERNAL', async () => {
    fake.invoke.mockResolvedValueOnce(undefined);
    await expect(desk.getSettings({})).rejects.toMatchObject({ code: 'INTERNAL' });
    fake.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOPE', message: 1 } });
    await expect(desk.getSettings({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('delivers events until the disposer is called', () => {
    const event = DESK_EVENTS[0]!;
    const seen: unknown[] = [];
    const dispose = desk.on(event, (payload) => seen.push(payload));
    expect(typeof dispose).toBe('function');

    emit({ event, payload: { n: 1 } });
    dispose();
    emit({ event, payload: { n: 2 } });

    expect(seen).toEqual([{ n: 1 }]);
  });

  it('gives each subscriber its own disposer', () => {
    const event = DESK_EVENTS[0]!;
    const a: unknown[] = [];
    const b: unknown[] = [];
    const disposeA = desk.on(event, (payload) => a.push(payload));
    const disposeB = desk.on(event, (payload) => b.push(payload));
    disposeA();
    emit({ event, payload: 'x' });
    disposeB();
    expect(a).toEqual([]);
    expect(b).toEqual(['x']);
  });

  it('keeps delivering when one subscriber throws', () => {
    const event = DESK_EVENTS[0]!;
    const seen: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const disposeBad = desk.on(event, () => {
      throw new Error('boom');
    });
    const disposeGood = desk.on(event, (payload) => seen.push(payload));
    emit({ event, payload: 'still here' });
    disposeBad();
    disposeGood();
    quiet.mockRestore();
    expect(seen).toEqual(['still here']);
  });

  it('ignores malformed and unknown event messages', () => {
    const event = DESK_EVENTS[0]!;
    const seen: unknown[] = [];
    const dispose = desk.on(event, (payload) => seen.push(payload));
    emit(null);
    emit('containers:changed');
    emit({ event: 'no-such-event', payload: 1 });
    dispose();
    expect(seen).toEqual([]);
  });

  it('refuses to subscribe to an event that does not exist', () => {
    const on = desk.on as (event: string, listener: () => void) => () => void;
    expect(() => on('no-such-event', () => {})).toThrow(TypeError);
  });
});
