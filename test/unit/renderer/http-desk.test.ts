import { describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { DESK_METHODS } from '../../../shared/schemas';
import { createHttpDesk, eventsUrl } from '../../../renderer/transport/http-desk';

function json(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), { status, statusText, headers: { 'Content-Type': 'application/json' } });
}

/** A WebSocket stand-in the test drives: open, message, close. */
class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close() {
    this.closed = true;
  }
  message(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
}

function timers() {
  const queue: { fn: () => void; ms: number }[] = [];
  return {
    queue,
    setTimeout: (fn: () => void, ms: number) => {
      const entry = { fn, ms };
      queue.push(entry);
      return entry;
    },
    clearTimeout: (handle: unknown) => {
      const i = queue.indexOf(handle as (typeof queue)[number]);
      if (i >= 0) queue.splice(i, 1);
    },
    fire() {
      const next = queue.shift();
      next?.fn();
      return next?.ms;
    },
  };
}

function client(fetch: typeof globalThis.fetch, t = timers()) {
  FakeSocket.made = [];
  return createHttpDesk({
    origin: 'http://127.0.0.1:7400',
    token: 's3cret',
    fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    setTimeout: t.setTimeout,
    clearTimeout: t.clearTimeout,
  });
}

describe('createHttpDesk', () => {
  it('has every DeskApi call of the contract', () => {
    const desk = client(vi.fn());
    for (const method of DESK_METHODS) expect(typeof desk[method]).toBe('function');
    expect(typeof desk.on).toBe('function');
  });

  it('POSTs the request as JSON with the bearer token and returns the JSON answer', async () => {
    const fetch = vi.fn(async () => json(200, { containers: [], roots: [], at: 1 }));
    const desk = client(fetch);
    await expect(desk.listContainers({ root: '/run/runsc' })).resolves.toEqual({ containers: [], roots: [], at: 1 });
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:7400/api/listContainers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cret' },
      body: JSON.stringify({ root: '/run/runsc' }),
    });
  });

  it('throws the DeskError the server sent, code and details intact', async () => {
    const error = { code: 'INVALID_INPUT', message: 'addRoot: path must be absolute', details: { field: 'path' } };
    const desk = client(vi.fn(async () => json(400, { error })));
    const thrown = await desk.addRoot({ path: 'tmp' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(DeskError);
    expect((thrown as DeskError).toJSON()).toEqual(error);
  });

  it('names the status when the server answers without a DeskError', async () => {
    const desk = client(vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(desk.getOverview({})).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('502') });
    const unauthorized = client(vi.fn(async () => new Response('', { status: 401 })));
    await expect(unauthorized.getOverview({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('says the server is unreachable when fetch itself fails', async () => {
    const desk = client(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(desk.getSettings({})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('Could not reach the Desk server'),
    });
  });
});

describe('events', () => {
  it('builds the socket URL from the page origin', () => {
    expect(eventsUrl('http://127.0.0.1:7400', 'a b')).toBe('ws://127.0.0.1:7400/api/events?token=a+b');
    expect(eventsUrl('https://desk.example', null)).toBe('wss://desk.example/api/events');
  });

  it('opens one socket for all listeners and delivers each event to its listeners', () => {
    const desk = client(vi.fn());
    const a = vi.fn();
    const b = vi.fn();
    desk.on('containers:changed', a);
    desk.on('containers:changed', b);
    expect(FakeSocket.made).toHaveLength(1);
    const socket = FakeSocket.made[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:7400/api/events?token=s3cret');

    socket.message({ event: 'containers:changed', payload: { containers: [], roots: [], at: 7 } });
    socket.message('not json');
    socket.message({ event: 'jobs:changed', payload: {} });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledWith({ containers: [], roots: [], at: 7 });
  });

  it('reconnects with a growing delay, resets it once open, and stops with the last listener', () => {
    const t = timers();
    const desk = client(vi.fn(), t);
    const off = desk.on('containers:changed', () => {});
    FakeSocket.made[0]!.onclose?.();
    expect(t.fire()).toBe(500);
    FakeSocket.made[1]!.onclose?.();
    expect(t.fire()).toBe(1000);
    const third = FakeSocket.made[2]!;
    third.onopen?.();
    third.onclose?.();
    expect(t.fire()).toBe(500);
    expect(FakeSocket.made).toHaveLength(4);

    off();
    expect(FakeSocket.made[3]!.closed).toBe(true);
    FakeSocket.made[3]!.onclose?.();
    expect(t.queue).toHaveLength(0);
  });
});
