// The DeskApi over the headless server: `POST /api/<method>` and one event socket.
// Built from DESK_METHODS, so a call added to the contract exists here too.
import type { DeskApi, DeskCalls } from '../../shared/api';
import { DeskError, isDeskErrorShape } from '../../shared/errors';
import { DESK_METHODS, type DeskMethod } from '../../shared/methods';
import { createEventSocket, type EventSocketOptions } from './event-socket';

export interface HttpDeskOptions {
  /** e.g. `http://127.0.0.1:7400`; no trailing slash. */
  origin: string;
  token: string | null;
  fetch?: typeof fetch;
  WebSocket?: EventSocketOptions['WebSocket'];
  setTimeout?: EventSocketOptions['setTimeout'];
  clearTimeout?: EventSocketOptions['clearTimeout'];
  /** Events from elsewhere (the log worker's socket) instead of a socket of its own. */
  events?: Pick<DeskApi, 'on'>;
}

export function eventsUrl(origin: string, token: string | null): string {
  const url = new URL('/api/events', origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (token) url.searchParams.set('token', token);
  return url.toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createHttpDesk(options: HttpDeskOptions): DeskApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  async function call(method: DeskMethod, request: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(new URL(`/api/${method}`, options.origin).toString(), {
        method: 'POST',
        headers,
        body: JSON.stringify(request ?? {}),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new DeskError(
        'INTERNAL',
        `Could not reach the Desk server at ${options.origin} (${why}). Check that it is still running and the SSH tunnel is up.`,
      );
    }
    const body = await readBody(response);
    if (response.ok) {
      if (body === undefined) throw new DeskError('INTERNAL', `${method}: the Desk server answered with something that is not JSON.`);
      return body;
    }
    const error = (body as { error?: unknown } | null | undefined)?.error;
    if (isDeskErrorShape(error)) throw DeskError.from(error);
    throw new DeskError(
      response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL',
      `${method}: the Desk server answered ${response.status} ${response.statusText}`.trim(),
    );
  }

  const calls = Object.fromEntries(
    DESK_METHODS.map((method) => [method, (request: unknown) => call(method, request)]),
  ) as unknown as DeskCalls;

  const events = options.events ?? createEventSocket({
    url: eventsUrl(options.origin, options.token),
    WebSocket: options.WebSocket,
    setTimeout: options.setTimeout,
    clearTimeout: options.clearTimeout,
  });

  return { ...calls, on: events.on };
}
