import { describe, expect, it, vi } from 'vitest';
import { LogBuffer } from '../../../renderer/logs/log-buffer';
import { SearchIndex, stepMatch, matchIndex } from '../../../renderer/logs/log-search';
import { LogBufferStore as LogStore, PAGE } from '../../../renderer/logs/log-buffer-store';
import { deferred, logLines, logPage } from './fake-desk';
import type { JobLogPage } from '../../../shared/jobs';

const texts = (b: LogBuffer) => Array.from({ length: b.length }, (_, i) => b.at(i)!.text);

describe('LogBuffer', () => {
  it('appends contiguous lines, skips what it has, and reports a gap', () => {
    const b = new LogBuffer();
    expect(b.append(0, logLines(0, 3))).toBe('appended');
    expect(b.append(1, logLines(1, 4))).toBe('appended'); // 1..2 known, 3..4 new
    expect(texts(b)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(b.append(0, logLines(0, 2))).toBe('duplicate');
    expect(b.append(9, logLines(9, 1))).toBe('gap');
    expect(b.end).toBe(5);
    expect(b.total).toBe(10);
    expect(b.missing).toBe(5);
  });

  it('stays bounded: drops the oldest lines past its line cap and keeps offsets', () => {
    const b = new LogBuffer(1000);
    for (let from = 0; from < 5000; from += 250) b.append(from, logLines(from, 250));
    expect(b.length).toBe(1000);
    expect(b.start).toBe(4000);
    expect(b.end).toBe(5000);
    expect(b.trimmed).toBe(true);
    expect(b.at(0)!.text).toBe('line 4000');
  });

  it('stays bounded by characters too, keeping at least the newest line', () => {
    const b = new LogBuffer(1000, 250_000);
    const huge = (i: number) => `${i}:${'x'.repeat(100_000)}`;
    b.append(0, logLines(0, 5, huge));
    expect(b.length).toBe(2);
    expect(b.start).toBe(3);
    const alone = new LogBuffer(1000, 10);
    alone.append(0, logLines(0, 1, huge));
    expect(alone.length).toBe(1);
  });

  it('notifies subscribers with a new version on each change', () => {
    const b = new LogBuffer();
    const seen = vi.fn();
    const off = b.subscribe(seen);
    b.append(0, logLines(0, 2));
    b.append(0, logLines(0, 2)); // nothing new: no render
    expect(seen).toHaveBeenCalledTimes(1);
    expect(b.version).toBe(1);
    off();
    b.append(2, logLines(2, 1));
    expect(seen).toHaveBeenCalledTimes(1);
  });
});

describe('LogStore', () => {
  it('fills a newly opened log from getJobLog, page by page', async () => {
    const all = logLines(0, 25_000);
    const api = { getJobLog: vi.fn(logPage(all)) };
    const logs = new LogStore(api);
    const b = logs.open('job-1');
    await logs.fill('job-1');
    expect(b.length).toBe(25_000);
    expect(api.getJobLog.mock.calls.map((c) => c[0])).toEqual([
      { jobId: 'job-1', offset: 0, limit: PAGE },
      { jobId: 'job-1', offset: 10_000, limit: PAGE },
      { jobId: 'job-1', offset: 20_000, limit: PAGE },
    ]);
  });

  it('fetches the missing range when a job:log event leaves a gap', async () => {
    const all = logLines(0, 20);
    const api = { getJobLog: vi.fn(logPage(all.slice(0, 0))) };
    const logs = new LogStore(api);
    const b = logs.open('job-1');
    await logs.fill('job-1');
    logs.take({ jobId: 'job-1', from: 0, lines: all.slice(0, 10) });
    expect(b.end).toBe(10);

    api.getJobLog.mockImplementation(logPage(all));
    logs.take({ jobId: 'job-1', from: 15, lines: all.slice(15, 20) });
    expect(api.getJobLog).toHaveBeenLastCalledWith({ jobId: 'job-1', offset: 10, limit: PAGE });
    await logs.fill('job-1');
    expect(texts(b)).toEqual(all.map((l) => l.text));
  });

  it('keeps taking live lines while a fill is on its way, without holes or repeats', async () => {
    const all = logLines(0, 30);
    const gate = deferred<JobLogPage>();
    const api = { getJobLog: vi.fn((_request: unknown) => gate.promise) };
    const logs = new LogStore(api);
    const b = logs.open('job-1');
    logs.take({ jobId: 'job-1', from: 20, lines: all.slice(20, 25) }); // gap: the fill covers it
    expect(b.end).toBe(0);
    gate.resolve({ lines: all.slice(0, 22), next: 22, total: 22 });
    api.getJobLog.mockImplementation(logPage(all.slice(0, 25)));
    await logs.fill('job-1');
    logs.take({ jobId: 'job-1', from: 25, lines: all.slice(25, 30) });
    expect(texts(b)).toEqual(all.map((l) => l.text));
  });

  it('ignores lines of jobs nobody opened', () => {
    const api = { getJobLog: vi.fn(logPage([])) };
    const logs = new LogStore(api);
    logs.take({ jobId: 'other', from: 5, lines: logLines(5, 1) });
    expect(logs.get('other')).toBeUndefined();
    expect(api.getJobLog).not.toHaveBeenCalled();
  });

  it('loads only the tail of a log longer than the cap', async () => {
    const all = logLines(0, 5000);
    const api = { getJobLog: vi.fn(logPage(all)) };
    const logs = new LogStore(api, { maxLines: 1000 });
    const b = logs.open('job-1');
    await logs.fill('job-1');
    expect(b.start).toBe(4000);
    expect(b.end).toBe(5000);
  });

  it('reads the whole log again for Download when the buffer dropped its start', async () => {
    const all = logLines(0, 3000);
    const api = { getJobLog: vi.fn(logPage(all)) };
    const logs = new LogStore(api, { maxLines: 1000 });
    logs.open('job-1');
    await logs.fill('job-1');
    api.getJobLog.mockClear();
    const text = (await logs.fullText('job-1')).join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(3000);
    expect(text).toContain('stdout line 0\n');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z stdout line 0$/m);
    expect(api.getJobLog).toHaveBeenCalledWith({ jobId: 'job-1', offset: 0, limit: PAGE });
  });

  it('copies from the buffer when it holds everything', async () => {
    const api = { getJobLog: vi.fn(logPage(logLines(0, 3))) };
    const logs = new LogStore(api);
    logs.open('job-1');
    await logs.fill('job-1');
    api.getJobLog.mockClear();
    expect((await logs.fullText('job-1')).join('').split('\n').filter(Boolean)).toHaveLength(3);
    expect(api.getJobLog).not.toHaveBeenCalled();
  });
});

describe('log search', () => {
  const buffer = () => {
    const b = new LogBuffer();
    b.append(0, [
      { t: 1, stream: 'stdout', text: 'starting checkpoint' },
      { t: 2, stream: 'stderr', text: 'Error: no such flag: -work-dir; error again' },
      { t: 3, stream: 'stdout', text: 'nothing here' },
      { t: 4, stream: 'stderr', text: 'ERROR exit status 128' },
    ]);
    return b;
  };

  it('finds every match, case-insensitively, in order', () => {
    const index = new SearchIndex();
    const matches = index.update(buffer(), 'error');
    expect(matches.map((m) => [m.line, m.start])).toEqual([
      [1, 0],
      [1, 32],
      [3, 0],
    ]);
  });

  it('steps next and previous, wrapping around', () => {
    const matches = new SearchIndex().update(buffer(), 'error');
    let m = stepMatch(matches, null, 1);
    expect(matchIndex(matches, m)).toBe(0);
    m = stepMatch(matches, m, 1);
    m = stepMatch(matches, m, 1);
    expect(matchIndex(matches, m)).toBe(2);
    m = stepMatch(matches, m, 1);
    expect(matchIndex(matches, m)).toBe(0);
    m = stepMatch(matches, m, -1);
    expect(matchIndex(matches, m)).toBe(2);
    // With no current match, the first at or below the line in view.
    expect(stepMatch(matches, null, 1, 2)).toEqual(matches[2]);
  });

  it('scans only new lines, and forgets matches the buffer dropped', () => {
    const b = new LogBuffer(3);
    b.append(0, logLines(0, 3, (i) => (i % 2 === 0 ? `hit ${i}` : `miss ${i}`)));
    const index = new SearchIndex();
    expect(index.update(b, 'HIT').map((m) => m.line)).toEqual([0, 2]);
    b.append(3, logLines(3, 2, (i) => `hit ${i}`));
    expect(index.update(b, 'HIT').map((m) => m.line)).toEqual([2, 3, 4]);
  });
});
