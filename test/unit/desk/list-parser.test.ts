import { describe, expect, it } from 'vitest';
import { parseEventsStats, parseListCreated, parseListJson, parsePsTable } from '../../../electron/desk/runsc/list-parser';

const ROOT = '/var/run/runsc';

describe('parseListJson', () => {
  it('reads an empty root (null) as no containers', () => {
    expect(parseListJson(ROOT, 'null', new Map())).toEqual([]);
    expect(parseListJson(ROOT, 'null\n', new Map())).toEqual([]);
    expect(parseListJson(ROOT, '', new Map())).toEqual([]);
  });

  it('reads entries, with pid -1 as null, missing annotations as {}, and the created time from the map', () => {
    const text = `${JSON.stringify([
      { ociVersion: '1.0.2-dev', id: 'c1', status: 'running', pid: 3902, bundle: '/tmp/b1', annotations: { 'io.kubernetes.cri.container-name': 'web' } },
      { ociVersion: '1.0.2-dev', id: 'c2', status: 'stopped', pid: -1, bundle: '/tmp/my bundle' },
    ])}\n`;
    const created = new Map([['c1', '2026-11-30T11:35:36.441773875Z']]);
    expect(parseListJson(ROOT, text, created)).toEqual([
      { root: ROOT, id: 'c1', status: 'running', pid: 3902, bundle: '/tmp/b1', created: '2026-11-30T11:35:36.441773875Z', annotations: { 'io.kubernetes.cri.container-name': 'web' }, gpu: false },
      { root: ROOT, id: 'c2', status: 'stopped', pid: null, bundle: '/tmp/my bundle', created: null, annotations: {}, gpu: false },
    ]);
  });

  it('refuses output that is not a JSON array', () => {
    expect(() => parseListJson(ROOT, '{"id":"c1"}', new Map())).toThrow(/JSON array/);
    expect(() => parseListJson(ROOT, 'ID PID STATUS', new Map())).toThrow();
  });
});

describe('parseListCreated', () => {
  const HEADER = 'ID          PID         STATUS      BUNDLE      CREATED                          OWNER';

  it('reads the created time from the real text listing (empty OWNER, trailing spaces)', () => {
    const text = `${HEADER}\nc1          3902        running     /tmp/b1     2026-11-30T11:35:36.441773875Z   \n`;
    expect(parseListCreated(text)).toEqual(new Map([['c1', '2026-11-30T11:35:36.441773875Z']]));
  });

  it('anchors on the time when the bundle holds spaces', () => {
    const text = [
      'ID          PID         STATUS      BUNDLE                          CREATED                          OWNER',
      'c1          3902        running     /tmp/b1                         2026-11-30T11:35:36.441773875Z   root',
      'web-2       -1          stopped     /home/me/My Bundles/web 2       2026-11-30T12:00:01+02:00        me',
      '',
    ].join('\n');
    const created = parseListCreated(text);
    expect(created.get('c1')).toBe('2026-11-30T11:35:36.441773875Z');
    expect(created.get('web-2')).toBe('2026-11-30T12:00:01+02:00');
    expect(created.size).toBe(2);
  });

  it('skips the header and lines without a time', () => {
    expect(parseListCreated(`${HEADER}\n`).size).toBe(0);
    expect(parseListCreated(`${HEADER}\nc1 1 running /b not-a-time\n`).size).toBe(0);
    expect(parseListCreated('').size).toBe(0);
  });

  it('feeds parseListJson', () => {
    const created = parseListCreated(`${HEADER}\nc1          3902        running     /tmp/b1     2026-11-30T11:35:36.441773875Z   \n`);
    const [c] = parseListJson(ROOT, '[{"id":"c1","status":"running","pid":3902,"bundle":"/tmp/b1"}]', created);
    expect(c?.created).toBe('2026-11-30T11:35:36.441773875Z');
  });
});

describe('parsePsTable', () => {
  it('reads the table', () => {
    const text = [
      'UID       PID       PPID      C         TTY       STIME     TIME      CMD',
      '0         1         0         0         ?         11:35     10ms      sh',
      '0         7         1         0         ?         11:36     0s        sleep 1000',
      '',
    ].join('\n');
    expect(parsePsTable(text)).toEqual([
      { uid: '0', pid: 1, ppid: 0, stime: '11:35', time: '10ms', cmd: 'sh' },
      { uid: '0', pid: 7, ppid: 1, stime: '11:36', time: '0s', cmd: 'sleep 1000' },
    ]);
  });

  it('reads a header alone as no processes', () => {
    expect(parsePsTable('UID       PID       PPID      C         TTY       STIME     TIME      CMD\n')).toEqual([]);
  });

  it('refuses text that is not the table', () => {
    expect(parsePsTable('')).toEqual([]);
    expect(parsePsTable('[1,7]')).toEqual([]);
    expect(parsePsTable('loading container: file does not exist\n')).toEqual([]);
  });
});

describe('parseEventsStats', () => {
  const SAMPLE = '{"type":"stats","id":"c1","data":{"cpu":{"usage":{"total":83885898}},"memory":{"usage":{"limit":0,"usage":2551808,"failcnt":0}},"pids":{"current":2}}}';

  it('reads the real sample (limit 0 means none)', () => {
    expect(parseEventsStats(SAMPLE)).toEqual({ usageBytes: 2551808, limitBytes: null, pids: 2, cpuNanos: 83885898 });
    expect(parseEventsStats(`${SAMPLE}\n`).usageBytes).toBe(2551808);
  });

  it('keeps a real limit', () => {
    const text = JSON.stringify({ type: 'stats', id: 'c1', data: { memory: { usage: { limit: 536870912, usage: 4096 } } } });
    expect(parseEventsStats(text)).toEqual({ usageBytes: 4096, limitBytes: 536870912, pids: null, cpuNanos: null });
  });

  it('reads an event without data as zero use', () => {
    expect(parseEventsStats('{"type":"stats","id":"c1"}')).toEqual({ usageBytes: 0, limitBytes: null, pids: null, cpuNanos: null });
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseEventsStats('loading container: file does not exist')).toThrow();
  });
});
