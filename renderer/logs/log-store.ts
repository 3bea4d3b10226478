// Every job log the window shows, as the page holds it: a LogView per job, fed by
// snapshots from the log engine. The engine (log-engine.ts) runs in a Web Worker when
// the page made one for this DeskApi (renderer/api.ts), and in this thread otherwise
// (tests, or a page without Worker). One per DeskStore; zustand never sees a line.
import type { DeskApi, DeskEvents } from '../../shared/api';
import { LogEngine } from './log-engine';
import type { LogBufferStoreOptions } from './log-buffer-store';
import type { FromEngine, ToEngine } from './log-protocol';
import { LogView } from './log-view';

export { formatLogLine, PAGE } from './log-buffer-store';

export type LogStoreOptions = LogBufferStoreOptions;

/** Where the page's messages go, and where the engine's come from. */
export interface EnginePort {
  post(message: ToEngine): void;
  listen(handler: (message: FromEngine) => void): void;
  /** Whether the engine takes `job:log` events itself (its own event socket). */
  readonly ownsLogEvents: boolean;
}

/** Engines made for a DeskApi by renderer/api.ts: a worker, bound to its transport. */
const ports = new WeakMap<object, EnginePort>();

export function bindLogEngine(api: object, port: EnginePort): void {
  ports.set(api, port);
}

/** The engine in this thread, reading pages with the DeskApi itself. */
export function localEnginePort(api: Pick<DeskApi, 'getJobLog'>, options: LogStoreOptions = {}): EnginePort {
  let handler: (message: FromEngine) => void = () => {};
  const engine = new LogEngine({ ...options, getJobLog: (r) => api.getJobLog(r), post: (m) => handler(m), throttleMs: 0 });
  return {
    post: (message) => engine.handle(message),
    listen: (next) => {
      handler = next;
    },
    ownsLogEvents: false,
  };
}

/** Views kept for jobs no panel shows any more. */
const KEEP_IDLE = 6;

export class LogStore {
  private readonly views = new Map<string, LogView>();
  private readonly port: EnginePort;
  private nextRequest = 1;
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly api: Pick<DeskApi, 'getJobLog'>,
    options: LogStoreOptions = {},
  ) {
    this.port = ports.get(api) ?? localEnginePort(api, options);
    this.port.listen((message) => this.receive(message));
  }

  /** The view of a job, watched (and filled) by the engine from first use. */
  open(jobId: string): LogView {
    let view = this.views.get(jobId);
    if (view) {
      // Most recently used last, for eviction.
      this.views.delete(jobId);
      this.views.set(jobId, view);
      return view;
    }
    view = new LogView(jobId, (message) => this.port.post(message));
    this.views.set(jobId, view);
    this.evict();
    this.port.post({ type: 'watch', jobId });
    void this.fill(jobId);
    return view;
  }

  get(jobId: string): LogView | undefined {
    return this.views.get(jobId);
  }

  error(jobId: string): string | null {
    return this.views.get(jobId)?.error ?? null;
  }

  loading(jobId: string): boolean {
    return this.views.get(jobId)?.loading ?? false;
  }

  /** A `job:log` event that reached the page; an engine with its own socket has it already. */
  take(event: DeskEvents['job:log']): void {
    if (this.port.ownsLogEvents || !this.views.has(event.jobId)) return;
    this.port.post({ type: 'log', event });
  }

  /** Resolves once the engine holds the log's end (or gave up) and the page has its snapshot. */
  fill(jobId: string): Promise<void> {
    return this.request((requestId) => ({ type: 'fill', jobId, requestId }));
  }

  /** The whole log as text pieces, for Copy all and Download; read again when the engine dropped its start. */
  fullText(jobId: string): Promise<string[]> {
    return this.request((requestId) => ({ type: 'fullText', jobId, requestId }));
  }

  private request<T>(message: (requestId: number) => ToEngine): Promise<T> {
    const requestId = this.nextRequest++;
    const answer = new Promise<T>((resolve, reject) => this.pending.set(requestId, { resolve: resolve as (value: never) => void, reject }));
    this.port.post(message(requestId));
    return answer;
  }

  private receive(message: FromEngine): void {
    switch (message.type) {
      case 'snapshot':
        this.views.get(message.snapshot.jobId)?.take(message.snapshot);
        return;
      case 'filled':
        this.settle(message.requestId, undefined);
        return;
      case 'fullText':
        if (message.pieces) this.settle(message.requestId, message.pieces);
        else this.settle(message.requestId, undefined, new Error(message.error ?? 'the log engine failed'));
        return;
      case 'getJobLog':
        // The engine has no HTTP of its own: read the page for it.
        this.api.getJobLog(message.request).then(
          (page) => this.port.post({ type: 'page', requestId: message.requestId, page }),
          (error: unknown) => this.port.post({ type: 'page', requestId: message.requestId, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      default:
        return;
    }
  }

  private settle(requestId: number, value: unknown, error?: Error): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId);
    if (error) pending.reject(error);
    else pending.resolve(value as never);
  }

  private evict(): void {
    const idle = [...this.views].filter(([, v]) => v.subscribers === 0);
    for (const [jobId] of idle.slice(0, Math.max(0, idle.length - KEEP_IDLE))) {
      this.views.delete(jobId);
      this.port.post({ type: 'unwatch', jobId });
    }
  }
}
