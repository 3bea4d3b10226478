import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_MS, JobLog } from '../../../electron/desk/jobs/job-log';
import type { LogLine } from '../../../shared/jobs';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-joblog-'));
  path = join(dir, 'log.ndjson');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (lines: LogLine[]) => lines.map((l) => l.text);

describe('JobLog: writing', () => {
  it('appends lines of every stream as NDJSON, mode 0600', async () => {
    const batches: [number, LogLine[]][] = [];
    const log = await JobLog.create(host, path, (from, lines) => batches.push([from, lines]));
    log.append('desk', 'Saving…');
    log.append('stdout', 'out 1');
    log.append('stderr', 'err 1');
    log.flush();
    const onDisk = readFileSync(path, 'utf8').split('\n');
    expect(onDisk.pop()).toBe('');
    expect(onDisk.map((l) => JSON.parse(l) as LogLine).map((l) => [l.stream, l.text])).toEqual([
      ['desk', 'Saving…'], ['stdout', 'out 1'], ['stderr', 'err 1'],
    ]);
    expect(typeof (JSON.parse(onDisk[0]!) as LogLine).t).toBe('number');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(batches).toHaveLength(1);
    expect(batches[0]![0]).toBe(0);
    expect(batches[0]![1].map((l) => l.stream)).toEqual(['desk', 'stdout', 'stderr']);
    log.close();
  });

  it('batches lines until the flush timer, and gives each batch its offset', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const batches: [number, string[]][] = [];
    const log = await JobLog.create(host, path, (from, lines) => batches.push([from, texts(lines)]));
    log.append('stdout', 'a');
    log.append('stdout', 'b');
    log.append('stderr', 'c');
    expect(log.total).toBe(3);
    vi.advanceTimersByTime(FLUSH_MS - 1);
    expect(batches).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('');
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[0, ['a', 'b', 'c']]]);
    log.append('stdout', 'd');
    log.append('desk', 'e');
    vi.advanceTimersByTime(FLUSH_MS);
    log.append('stdout', 'f');
    log.close();
    expect(batches).toEqual([[0, ['a', 'b', 'c']], [3, ['d', 'e']], [5, ['f']]]);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(6);
    expect(log.total).toBe(6);
  });

  it('does not call the listener for an empty flush', async () => {
    const listener = vi.fn();
    const log = await JobLog.create(host, path, listener);
    log.flush();
    log.close();
    expect(listener).not.toHaveBeenCalled();
  });

  it('cuts a 1,000,000-character line with a marker, and keeps one of exactly 1,000,000', async () => {
    const log = await JobLog.create(host, path, () => {});
    log.append('stderr', `${'x'.repeat(1_000_000)}TAIL`);
    log.append('stderr', 'y'.repeat(1_000_000));
    log.close();
    const { lines } = await JobLog.existing(host, path).read(0, 10);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.text.startsWith('x'.repeat(1_000_000))).toBe(true);
    expect(lines[0]!.text).not.toContain('TAIL');
    expect(lines[0]!.text).toMatch(/\[cut at 1000000 characters\]$/);
    expect(lines[1]!.text).toBe('y'.repeat(1_000_000));
  });
});

describe('JobLog: reading', () => {
  async function write(count: number, text = (i: number) => `line ${i}`): Promise<JobLog> {
    const log = await JobLog.create(host, path, () => {});
    for (let i = 0; i < count; i++) {
      log.append(i % 2 ? 'stderr' : 'stdout', text(i));
      if (i % 700 === 699) log.flush();
    }
    log.close();
    return log;
  }

  it('reads pages with offset, limit, next and total', async () => {
    const log = await write(25);
    expect(await log.read(0, 10)).toMatchObject({ next: 10, total: 25 });
    expect(texts((await log.read(0, 10)).lines)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`));
    const last = await log.read(20, 10);
    expect(texts(last.lines)).toEqual(['line 20', 'line 21', 'line 22', 'line 23', 'line 24']);
    expect(last.next).toBe(25);
    expect(await log.read(25, 10)).toEqual({ lines: [], next: 25, total: 25 });
    expect(await log.read(999, 10)).toEqual({ lines: [], next: 25, total: 25 });
    expect((await log.read()).lines).toHaveLength(25);
  });

  it('reads what is still pending', async () => {
    const log = await JobLog.create(host, path, () => {});
    log.append('desk', 'one');
    log.append('desk', 'two');
    const page = await log.read(0, 100);
    expect(texts(page.lines)).toEqual(['one', 'two']);
    expect(page.total).toBe(2);
    log.close();
  });

  it('reads the same pages from a fresh instance, across index blocks', async () => {
    const text = (i: number) => `line ${i} — é ✓ ${'z'.repeat(i % 37)}`;
    const writer = await write(2500, text);
    const reader = JobLog.existing(host, path);
    for (const [offset, limit] of [[0, 5], [998, 4], [1000, 3], [1999, 3], [2497, 50], [1234, 1]] as const) {
      const a = await writer.read(offset, limit);
      const b = await reader.read(offset, limit);
      expect(b.total).toBe(2500);
      expect(texts(b.lines), `${offset}`).toEqual(Array.from({ length: Math.min(limit, 2500 - offset) }, (_, i) => text(offset + i)));
      expect(b).toEqual(a);
    }
  });

  it('keeps text with newlines, carriage returns, U+2028 and quotes as one line each', async () => {
    const odd = ['two\nlines', 'cr\rhere', 'sep\u2028arator', '{"json": "looking"}', '', '\t tab \\ slash'];
    const log = await JobLog.create(host, path, () => {});
    for (const text of odd) log.append('stdout', text);
    log.append('desk', 'after');
    log.close();
    const page = await JobLog.existing(host, path).read(0, 100);
    expect(page.total).toBe(odd.length + 1);
    expect(texts(page.lines)).toEqual([...odd, 'after']);
    expect(texts((await JobLog.existing(host, path).read(odd.length, 1)).lines)).toEqual(['after']);
  });

  it('reads an empty or missing log as empty', async () => {
    writeFileSync(path, '');
    expect(await JobLog.existing(host, path).read()).toEqual({ lines: [], next: 0, total: 0 });
    expect(await JobLog.existing(host, join(dir, 'missing.ndjson')).read()).toEqual({ lines: [], next: 0, total: 0 });
  });

  it('ignores a torn last line of garbage', async () => {
    await write(1500);
    appendFileSync(path, '{"t":17000000000,"stream":"stdout","te');
    const log = JobLog.existing(host, path);
    const all = await log.read(0, 5000);
    expect(all.total).toBe(1500);
    expect(all.lines).toHaveLength(1500);
    expect(all.next).toBe(1500);
    expect(all.lines.at(-1)?.text).toBe('line 1499');
    expect(texts((await log.read(1498, 10)).lines)).toEqual(['line 1498', 'line 1499']);
  });

  it('ignores a torn last line that lost only its newline (it is not counted, so it is not read)', async () => {
    await write(10);
    appendFileSync(path, `${JSON.stringify({ t: 1, stream: 'stdout', text: 'torn' })}`);
    const page = await JobLog.existing(host, path).read(0, 100);
    expect(page.total).toBe(10);
    // Every line read must be a counted one: `next` never passes `total`.
    expect(page.next).toBeLessThanOrEqual(page.total);
    expect(texts(page.lines)).not.toContain('torn');
  });

  it('reads the tail of a 120,000-line log', async () => {
    await write(120_000);
    for (const log of [JobLog.existing(host, path), JobLog.existing(host, path)]) {
      const tail = await log.read(119_990, 100);
      expect(tail.total).toBe(120_000);
      expect(tail.next).toBe(120_000);
      expect(texts(tail.lines)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${119_990 + i}`));
    }
    const middle = await JobLog.existing(host, path).read(64_999, 3);
    expect(texts(middle.lines)).toEqual(['line 64999', 'line 65000', 'line 65001']);
  });
});
