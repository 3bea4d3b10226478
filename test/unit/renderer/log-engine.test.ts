// The log engine and the page's LogStore over the message protocol: the page gets the
// lines in view only, follows the end, gets search answers and folds, and reads the
// whole log for Copy all; in the desktop shell the engine asks the page for pages.
import { describe, expect, it, vi } from 'vitest';
import type { JobLogPage, LogLine } from '../../../shared/jobs';
import { LogEngine } from '../../../renderer/logs/log-engine';
import { WINDOW_MARGIN, type FromEngine, type ToEngine } from '../../../renderer/logs/log-protocol';
import { LogStore, bindLogEngine, type EnginePort } from '../../../renderer/logs/log-store';
import { startLogWorker, type WorkerLike } from '../../../renderer/logs/log-worker-port';

const lines = (from: number, n: number, text = (i: number) => `line ${i}`): LogLine[] =>
  Array.from({ length: n }, (_, k) => ({ t: 1_700_000_000_000 + from + k, stream: 'stdout' as const, text: text(from + k) }));

function pages(all: LogLine[]) {
  return vi.fn(async ({ offset = 0, limit = 10_000 }: { offset?: number; limit?: number }): Promise<JobLogPage> => ({
    lines: all.slice(offset, offset + limit),
    total: all.length,
  }) as JobLogPage);
}

/** A LogStore over an engine in this thread, with every message recorded. */
function storeOver(all: LogLine[]) {
  const getJobLog = pages(all);
  const sent: FromEngine[] = [];
  let toPage: (m: FromEngine) => void = () => {};
  const engine = new LogEngine({ getJobLog, post: (m) => (sent.push(m), toPage(m)) });
  const port: EnginePort = { post: (m: ToEngine) => engine.handle(m), listen: (h) => (toPage = h), ownsLogEvents: false };
  const api = { getJobLog };
  bindLogEngine(api, port);
  return { logs: new LogStore(api), sent, getJobLog };
}

describe('log engine', () => {
  it('sends the page only the window in view, and the tail while following', async () => {
    const { logs, sent } = storeOver(lines(0, 50_000));
    const view = logs.open('job-1');
    await logs.fill('job-1');
    expect(view.total).toBe(50_000);
    expect(view.length).toBe(50_000);
    view.show(49_960, 50_000, true);
    expect(view.at(49_999)?.text).toBe('line 49999');
    expect(view.at(0)).toBeUndefined();
    const last = sent.filter((m) => m.type === 'snapshot').at(-1)!;
    expect(last.type === 'snapshot' && last.snapshot.window.lines.length).toBeLessThanOrEqual(40 + 2 * WINDOW_MARGIN);

    view.show(100, 140, false);
    expect(view.at(100)?.text).toBe('line 100');
    // The window starts a margin above the rows in view and spans them and two margins.
    expect(view.at(0)?.text).toBe('line 0');
    expect(view.at(40 + 2 * WINDOW_MARGIN)).toBeUndefined();
    // New lines keep the rows the page has as the same objects.
    const row = view.at(120);
    logs.take({ jobId: 'job-1', from: 50_000, lines: lines(50_000, 5) });
    expect(view.total).toBe(50_005);
    expect(view.at(120)).toBe(row);
  });

  it('answers a search with a later snapshot, marked with its query', async () => {
    const { logs } = storeOver(lines(0, 1_000, (i) => (i % 100 === 0 ? `Checkpoint ${i}` : `other ${i}`)));
    const view = logs.open('job-1');
    await logs.fill('job-1');
    expect(view.answers('checkpoint')).toBe(false);
    view.search('checkpoint');
    expect(view.answers('checkpoint')).toBe(true);
    expect(view.matches.map((m) => m.line)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    // A live line that matches joins the answer.
    logs.take({ jobId: 'job-1', from: 1_000, lines: [{ t: 2, stream: 'stderr', text: 'checkpoint again' }] });
    expect(view.matches.at(-1)).toMatchObject({ line: 1_000, start: 0 });
  });

  it('sends the folds of Go stacks on stderr, and the whole log for Copy all', async () => {
    const stack: LogLine[] = ['goroutine 1 [running]:', 'main.main()', '\t/src/main.go:10', 'gvisor.dev/gvisor/pkg/state.Load()', '\t/src/load.go:1'].map((text, i) => ({ t: i, stream: 'stderr', text }));
    const { logs } = storeOver([{ t: 0, stream: 'desk', text: '$ runsc restore' }, ...stack]);
    const view = logs.open('job-1');
    await logs.fill('job-1');
    expect(view.folds).toHaveLength(1);
    expect(view.folds[0]).toMatchObject({ start: 1 });
    const text = (await logs.fullText('job-1')).join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    expect(text).toContain('goroutine 1 [running]:');
  });

  it('says why a log could not be read', async () => {
    const getJobLog = vi.fn(async () => {
      throw new Error('the Desk server answered 500');
    });
    const api = { getJobLog };
    const logs = new LogStore(api);
    const view = logs.open('job-9');
    await logs.fill('job-9');
    expect(view.error).toContain('500');
    expect(view.loading).toBe(false);
  });
});

describe('log worker port', () => {
  function fakeWorker() {
    const posted: unknown[] = [];
    const listeners: Record<string, ((event: { data: FromEngine }) => void)[]> = { message: [], error: [] };
    const worker: WorkerLike & { posted: unknown[]; emit(m: FromEngine): void } = {
      posted,
      postMessage: (m) => posted.push(m),
      addEventListener: (type: string, fn: never) => listeners[type]!.push(fn),
      emit: (m) => listeners.message!.forEach((fn) => fn({ data: m })),
    };
    return worker;
  }

  it('headless: the worker owns the socket; the page listens to its other events only while subscribed', () => {
    const worker = fakeWorker();
    const made = startLogWorker({ type: 'init', mode: 'http', origin: 'http://127.0.0.1:7400', token: 't', eventsUrl: 'ws://127.0.0.1:7400/api/events?token=t' }, () => worker)!;
    expect(worker.posted[0]).toMatchObject({ type: 'init', mode: 'http' });
    expect(made.engine.ownsLogEvents).toBe(true);
    const seen: unknown[] = [];
    const off = made.events.on('job:update', (job) => seen.push(job));
    expect(worker.posted.at(-1)).toEqual({ type: 'listen', event: 'job:update', on: true });
    worker.emit({ type: 'event', event: 'job:update', payload: { id: 'j1' } });
    expect(seen).toEqual([{ id: 'j1' }]);
    off();
    expect(worker.posted.at(-1)).toEqual({ type: 'listen', event: 'job:update', on: false });
    // A LogStore over this engine leaves job:log events to the worker.
    const api = { getJobLog: vi.fn() };
    bindLogEngine(api, made.engine);
    const logs = new LogStore(api);
    logs.open('job-1');
    const before = worker.posted.length;
    logs.take({ jobId: 'job-1', from: 0, lines: lines(0, 1) });
    expect(worker.posted.length).toBe(before);
  });

  it('desktop: the page reads pages for the worker and forwards job:log', async () => {
    const worker = fakeWorker();
    const made = startLogWorker({ type: 'init', mode: 'page' }, () => worker)!;
    const page = { lines: lines(0, 2), total: 2 } as JobLogPage;
    const api = { getJobLog: vi.fn(async () => page) };
    bindLogEngine(api, made.engine);
    const logs = new LogStore(api);
    logs.open('job-1');
    worker.emit({ type: 'getJobLog', requestId: 7, request: { jobId: 'job-1', offset: 0, limit: 10 } });
    await vi.waitFor(() => expect(worker.posted).toContainEqual({ type: 'page', requestId: 7, page }));
    logs.take({ jobId: 'job-1', from: 2, lines: lines(2, 1) });
    expect(worker.posted.at(-1)).toMatchObject({ type: 'log', event: { jobId: 'job-1', from: 2 } });
  });

  it('falls back to the page when no worker can start', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(startLogWorker({ type: 'init', mode: 'page' }, () => {
      throw new Error('this page has no Worker');
    })).toBeNull();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
