// 3. Log streaming: a stand-in runsc writes 200,000 stderr lines as fast as it can,
// through a real checkpoint job and the headless shell, to a WebSocket client.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';
import type { DeskEvents } from '../shared/api';
import { median, spread, type Figure } from './lib';
import { startShell } from './startup';

export const STANDIN = join(import.meta.dirname, '..', 'test', 'support', 'runsc-current.mjs');
export const LINES = 200_000;

/**
 * A stand-in root with one running container, ready to be checkpointed: the stand-in's
 * own list, and the state file runsc keeps for a sandbox (the Desk reads it instead of
 * running `runsc list` before a checkpoint), naming a live process as its sandbox.
 */
export function standinRoot(dir: string, id = 'stream-1'): string {
  const root = join(dir, 'stream-root');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify([{ id, status: 'running', pid: process.pid, bundle: '/bundle' }]));
  writeFileSync(join(root, `${id}_sandbox:${id}.state`), JSON.stringify({ id, bundleDir: '/bundle', status: 'running', sandbox: { pid: process.pid } }));
  return root;
}

interface StreamRound {
  mbps: number;
  firstLineMs: number;
  overall: number;
  bytes: number;
  lost: number;
  growth: number;
}

/**
 * Three rounds, each a fresh shell (so each RSS is one job's): on a 2-core machine the
 * stand-in, the service and this client share the cores, and one round swings by a third.
 */
export async function benchLogStream(work: string, rounds = 3): Promise<Figure[]> {
  const results: StreamRound[] = [];
  for (let r = 0; r < rounds; r++) results.push(await streamRound(join(work, `stream-${r}`), 7451 + r));
  const pick = (key: keyof StreamRound) => results.map((x) => x[key]);
  const mbps = median(pick('mbps'));
  const growth = Math.max(...pick('growth'));
  const lost = pick('lost').reduce((a, b) => a + b, 0);
  return [
    // The stream: from the first line on the socket to the last, while runsc writes as
    // fast as the pipe takes it. The call → first line is mostly the stand-in's own start
    // (a Node script; a real runsc starts in a few ms), so it is its own figure, and the
    // call → last line, which has both, is shown too.
    {
      name: 'log stream: throughput (first → last line on the socket)',
      value: mbps,
      unit: 'MB/s',
      spread: spread(pick('mbps')),
      bar: '≥ 20 MB/s',
      met: mbps >= 20,
      detail: `${(results[0]!.bytes / 1e6).toFixed(1)} MB a round, median of ${rounds}`,
    },
    { name: 'log stream: call → first line on the socket', value: median(pick('firstLineMs')), unit: 'ms', spread: spread(pick('firstLineMs'), 0), detail: 'the checkpoint call, then the stand-in runsc (a Node script) starting' },
    { name: 'log stream: call → last line (both of the above)', value: median(pick('overall')), unit: 'MB/s', spread: spread(pick('overall')) },
    { name: 'log stream: lines lost or out of order', value: lost, unit: 'lines', bar: '0', met: lost === 0 },
    { name: 'log stream: service RSS growth', value: growth, unit: 'MB', bar: '≤ 150 MB', met: growth <= 150, detail: `the largest of ${rounds} rounds` },
  ];
}

async function streamRound(dir: string, port: number): Promise<StreamRound> {
  const root = standinRoot(dir);
  const token = 'stream-token';
  // The service in its own process, as a person runs it, so its RSS is its own.
  const shell = await startShell(join(dir, 'data'), port, token, { STANDIN_STDERR_LINES: String(LINES) });
  const api = (method: string, body: unknown) =>
    fetch(`${shell.origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await api('updateSettings', { runscPath: STANDIN });
    await api('addRoot', { path: root, globalFlags: ['--network=none'] });
    const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/api/events?token=${token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${shell.child.pid}/status`, 'utf8'))![1]) * 1024;
    let rssPeak = rss();
    const rssBefore = rssPeak;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 20);
    let received = 0;
    let bytes = 0;
    let expected = 0;
    let disorder = 0;
    let firstAt = 0;
    let lastAt = 0;
    try {
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
      return {
        mbps: bytes / 1e6 / ((lastAt - firstAt) / 1000),
        firstLineMs: firstAt - started,
        overall: bytes / 1e6 / ((lastAt - started) / 1000),
        bytes,
        lost: LINES - received + disorder,
        growth: (rssPeak - rssBefore) / 1024 / 1024,
      };
    } finally {
      clearInterval(sampler);
      ws.close();
    }
  } finally {
    shell.stop();
  }
}
