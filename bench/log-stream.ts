// 3. Log streaming: a stand-in runsc writes 200,000 stderr lines as fast as it can,
// through a real checkpoint job and the headless shell, to a WebSocket client.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import type { DeskEvents } from '../shared/api';
import type { Figure } from './lib';
import { startShell } from './startup';

export const STANDIN = join(import.meta.dirname, '..', 'test', 'support', 'runsc-current.mjs');
export const LINES = 200_000;

/** A stand-in root with one running container, ready to be checkpointed. */
export function standinRoot(dir: string, id = 'stream-1'): string {
  const root = join(dir, 'stream-root');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify([{ id, status: 'running', pid: 1, bundle: '/bundle' }]));
  return root;
}

export async function benchLogStream(work: string): Promise<Figure[]> {
  const dir = join(work, 'stream');
  const root = standinRoot(dir);
  const token = 'stream-token';
  // The service in its own process, as a person runs it, so its RSS is its own.
  const shell = await startShell(join(dir, 'data'), 7451, token, { STANDIN_STDERR_LINES: String(LINES) });
  const api = (method: string, body: unknown) =>
    fetch(`${shell.origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await api('updateSettings', { runscPath: STANDIN });
  await api('addRoot', { path: root, globalFlags: ['--network=none'] });
  const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/api/events?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${shell.child.pid}/status`, 'utf8'))![1]) * 1024;
  try {
    let rssPeak = rss();
    const rssBefore = rssPeak;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 20);
    let received = 0;
    let bytes = 0;
    let expected = 0;
    let disorder = 0;
    let firstAt = 0;
    let lastAt = 0;
    const done = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event: string; payload: DeskEvents['job:log'] };
        if (message.event !== 'job:log') return;
        for (const line of message.payload.lines) {
          if (line.stream !== 'stderr') continue;
          const n = Number(/stand-in debug line (\d+)/.exec(line.text)?.[1]);
          if (n !== expected) disorder++;
          expected = n + 1;
          if (received === 0) firstAt = performance.now();
          received++;
          bytes += Buffer.byteLength(line.text) + 1;
          lastAt = performance.now();
          if (received === LINES) resolve();
        }
      });
    });
    const started = performance.now();
    const res = await api('checkpoint', { root, id: 'stream-1', imagePath: join(dir, 'image') });
    if (!res.ok) throw new Error(await res.text());
    await done;
    clearInterval(sampler);
    // From the call (which spawns the stand-in) to the last line received: it includes
    // the stand-in's start, so it understates the Desk's own rate.
    const seconds = (lastAt - started) / 1000;
    const mbps = bytes / 1e6 / seconds;
    const growth = (rssPeak - rssBefore) / 1024 / 1024;
    return [
      { name: 'log stream: throughput (call → last line on the socket)', value: mbps, unit: 'MB/s', bar: '≥ 20 MB/s', met: mbps >= 20, detail: `${(bytes / 1e6).toFixed(1)} MB, first line after ${(firstAt - started).toFixed(0)} ms` },
      { name: 'log stream: lines lost or out of order', value: LINES - received + disorder, unit: 'lines', bar: '0', met: received === LINES && disorder === 0 },
      { name: 'log stream: service RSS growth', value: growth, unit: 'MB', bar: '≤ 150 MB', met: growth <= 150 },
    ];
  } finally {
    ws.close();
    shell.stop();
  }
}
