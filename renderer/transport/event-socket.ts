// One WebSocket for every DeskApi event. It opens with the first listener, reconnects
// with backoff while anyone listens, and closes with the last one.
import type { DeskApi, DeskEventName } from '../../shared/api';

export interface EventSocketOptions {
  url: string;
  WebSocket?: typeof WebSocket;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** First retry delay; doubles up to maxDelayMs, and resets once a socket opens. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

type Listener = (payload: unknown) => void;

export function createEventSocket(options: EventSocketOptions): Pick<DeskApi, 'on'> {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const later = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));
  const baseDelay = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;

  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retry: unknown = null;
  let failures = 0;

  const listening = () => [...listeners.values()].some((set) => set.size > 0);

  function dispatch(data: unknown) {
    if (typeof data !== 'string') return;
    let message: { event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message?.event !== 'string') return;
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(message.payload);
      } catch (error) {
        // One broken listener must not starve the others.
        console.error(`checkpoint-desk: a "${message.event}" listener threw`, error);
      }
    }
  }

  function connect() {
    retry = null;
    const ws = new Socket(options.url);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
    };
    ws.onmessage = (message) => dispatch(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (listening()) scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    const delay = Math.min(maxDelay, baseDelay * 2 ** failures);
    failures += 1;
    retry = later(connect, delay);
  }

  function stop() {
    if (retry !== null) cancel(retry);
    retry = null;
    const ws = socket;
    socket = null;
    ws?.close();
  }

  return {
    on(event: DeskEventName, listener: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const entry = listener as Listener;
      set.add(entry);
      if (socket === null && retry === null) connect();
      return () => {
        set.delete(entry);
        if (!listening()) stop();
      };
    },
  } as Pick<DeskApi, 'on'>;
}
