// The log engine's Web Worker. In the headless shell it owns the event socket too, so
// the ~1.5 MB of `job:log` JSON a second that a busy job streams is parsed here, never
// on the page's thread; other events go on to the page. In the desktop shell the page
// forwards `job:log` events and reads pages for it (IPC is the page's).
import type { DeskApi, DeskEventName } from '../../shared/api';
import type { JobLogPage } from '../../shared/jobs';
import { createEventSocket } from '../transport/event-socket';
import { LogEngine } from './log-engine';
import type { EngineInit, FromEngine, ToEngine } from './log-protocol';

/** Snapshots of a streaming log go to the page at most this often: 20 a second reads as live. */
const THROTTLE_MS = 50;

const scope = self as unknown as {
  postMessage(message: FromEngine): void;
  onmessage: ((event: MessageEvent<EngineInit | ToEngine>) => void) | null;
};
const post = (message: FromEngine) => scope.postMessage(message);

let engine: LogEngine | null = null;
let events: Pick<DeskApi, 'on'> | null = null;
const listening = new Map<DeskEventName, () => void>();
const waiting = new Map<number, { resolve: (page: JobLogPage) => void; reject: (error: Error) => void }>();
let nextRequest = 1;

async function httpJobLog(origin: string, token: string | null, request: { jobId: string; offset: number; limit: number }): Promise<JobLogPage> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL('/api/getJobLog', origin).toString(), { method: 'POST', headers, body: JSON.stringify(request) });
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | JobLogPage | null;
  if (!response.ok) throw new Error((body as { error?: { message?: string } } | null)?.error?.message ?? `getJobLog: the Desk server answered ${response.status}`);
  return body as JobLogPage;
}

function pageJobLog(request: { jobId: string; offset: number; limit: number }): Promise<JobLogPage> {
  const requestId = nextRequest++;
  return new Promise((resolve, reject) => {
    waiting.set(requestId, { resolve, reject });
    post({ type: 'getJobLog', requestId, request });
  });
}

function init(message: EngineInit): void {
  const getJobLog = message.mode === 'http' ? (r: { jobId: string; offset: number; limit: number }) => httpJobLog(message.origin, message.token, r) : pageJobLog;
  const made = new LogEngine({ post, getJobLog, throttleMs: THROTTLE_MS });
  engine = made;
  if (message.mode === 'http') {
    events = createEventSocket({ url: message.eventsUrl });
    // The engine's own subscription: it keeps the socket open while the page lives.
    events.on('job:log', (payload) => made.handle({ type: 'log', event: payload }));
  }
}

scope.onmessage = ({ data }) => {
  if (data.type === 'init') return init(data);
  if (data.type === 'page') {
    const wait = waiting.get(data.requestId);
    waiting.delete(data.requestId);
    if (data.page) wait?.resolve(data.page);
    else wait?.reject(new Error(data.error ?? 'getJobLog failed'));
    return;
  }
  if (data.type === 'listen') {
    if (!events || data.event === 'job:log') return;
    if (data.on && !listening.has(data.event)) {
      const event = data.event;
      listening.set(event, events.on(event, (payload: unknown) => post({ type: 'event', event, payload })));
    } else if (!data.on) {
      listening.get(data.event)?.();
      listening.delete(data.event);
    }
    return;
  }
  engine?.handle(data);
};
