// The page's end of the log worker: an EnginePort for LogStore, and, where the worker
// owns the event socket (the headless shell), the events it passes on to the page.
import type { DeskApi, DeskEventName } from '../../shared/api';
import type { EngineInit, FromEngine, ToEngine } from './log-protocol';
import type { EnginePort } from './log-store';

export interface LogWorker {
  engine: EnginePort;
  /** The socket's events other than `job:log`, which the worker keeps. */
  events: Pick<DeskApi, 'on'>;
}

export interface WorkerLike {
  postMessage(message: EngineInit | ToEngine): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromEngine>) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** The worker, or null where the page cannot start one (then the page does the work). */
export function startLogWorker(init: EngineInit, make: () => WorkerLike = defaultWorker): LogWorker | null {
  let worker: WorkerLike;
  try {
    worker = make();
  } catch (error) {
    console.error('Checkpoint Desk: no log worker, the page reads logs itself:', error);
    return null;
  }
  worker.addEventListener('error', (event) => console.error('Checkpoint Desk: the log worker failed', event));
  worker.postMessage(init);

  let handler: (message: FromEngine) => void = () => {};
  const listeners = new Map<DeskEventName, Set<(payload: unknown) => void>>();
  worker.addEventListener('message', ({ data }) => {
    if (data.type !== 'event') return handler(data);
    for (const listener of [...(listeners.get(data.event) ?? [])]) {
      try {
        listener(data.payload);
      } catch (error) {
        console.error(`checkpoint-desk: a "${data.event}" listener threw`, error);
      }
    }
  });

  const events = {
    on(event: DeskEventName, listener: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      if (set.size === 0) worker.postMessage({ type: 'listen', event, on: true });
      set.add(listener as (payload: unknown) => void);
      return () => {
        if (set.delete(listener as (payload: unknown) => void) && set.size === 0) worker.postMessage({ type: 'listen', event, on: false });
      };
    },
  } as Pick<DeskApi, 'on'>;

  return {
    engine: {
      post: (message) => worker.postMessage(message),
      listen: (next) => {
        handler = next;
      },
      ownsLogEvents: init.mode === 'http',
    },
    events,
  };
}

function defaultWorker(): WorkerLike {
  if (typeof Worker === 'undefined') throw new Error('this page has no Worker');
  return new Worker(new URL('./log.worker.ts', import.meta.url), { type: 'module', name: 'checkpoint-desk-logs' });
}
