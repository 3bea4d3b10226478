// The job log writes each batch with one JSON.stringify and splits it into NDJSON; what it
// reads back, its byte index and the socket's JSON must be what per-line JSON gave.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/jobs';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { JobLog } from '../../../electron/desk/jobs/job-log';
import { eventJson } from '../../../electron/http/event-json';

/** Texts that could fool a split on the batch's JSON, and some that are not ASCII. */
const TRICKY = ['plain', '},{"t":1,"stream":"stderr","text":"x"}', '"},{"t":', 'back\\slash\\', 'tab\there', 'ünïcödé ✓ 😀', 'lone \ud800 surrogate', '', '{"t":2}', 'line\nbreak'];

function texts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${TRICKY[i % TRICKY.length]} #${i}`);
}

describe('JobLog', () => {
  it.each([700, 1000, 1])('reads back every line as written, from any offset, in batches of %i', async (batch) => {
    const path = join(mkdtempSync(join(tmpdir(), 'desk-joblog-')), 'log.ndjson');
    const batches: { from: number; lines: LogLine[] }[] = [];
    const log = await JobLog.create(new LocalHost(), path, (from, lines) => batches.push({ from, lines }));
    const all = texts(3500);
    all.forEach((text, i) => {
      log.append(i % 3 === 0 ? 'stdout' : 'stderr', text);
      if (i % batch === batch - 1) log.flush();
    });
    await log.close();
    const written = batches.flatMap((b) => b.lines);
    expect(written.map((l) => l.text)).toEqual(all);
    // The file is NDJSON: one JSON.stringify(line) a line.
    expect(readFileSync(path, 'utf8')).toBe(written.map((l) => `${JSON.stringify(l)}\n`).join(''));

    const fresh = JobLog.existing(new LocalHost(), path);
    for (const offset of [0, 999, 1000, 1001, 2999, 3000, 3499]) {
      const page = await fresh.read(offset, 5);
      expect(page.lines).toEqual(written.slice(offset, offset + 5));
      expect(page.total).toBe(3500);
      // The live log's own index (built while writing) agrees with one built from the file.
      expect((await log.read(offset, 5)).lines).toEqual(page.lines);
    }
  });

  it('reads a live log back while its writes are still queued: what was appended, nothing torn', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'desk-joblog-')), 'log.ndjson');
    const log = await JobLog.create(new LocalHost(), path, () => {});
    const all = texts(5000);
    const pages: Promise<{ total: number; lines: LogLine[] }>[] = [];
    all.forEach((text, i) => {
      log.append('stderr', text);
      // A read asked for between batches, while earlier batches are still on their way to the file.
      if (i % 1000 === 999) {
        log.flush();
        pages.push(log.read(0, 5000));
      }
    });
    for (const [n, pending] of pages.entries()) {
      const page = await pending;
      expect(page.total).toBe((n + 1) * 1000);
      expect(page.lines.map((l) => l.text)).toEqual(all.slice(0, (n + 1) * 1000));
    }
    await log.close();
    await expect(log.close()).resolves.toBeUndefined();
  });

  it("gives the socket each batch's JSON, the same text JSON.stringify gives", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'desk-joblog-')), 'log.ndjson');
    const payloads: { jobId: string; from: number; lines: LogLine[] }[] = [];
    const log = await JobLog.create(new LocalHost(), path, (from, lines) => payloads.push({ jobId: 'job "1"', from, lines }));
    for (const text of texts(25)) log.append('stderr', text);
    log.flush();
    log.append('desk', 'one more');
    await log.close();
    expect(payloads).toHaveLength(2);
    for (const payload of payloads) expect(eventJson('job:log', payload).toString('utf8')).toBe(JSON.stringify({ event: 'job:log', payload }));
    // Lines the log did not write are stringified as they are.
    const other = { jobId: 'j', from: 0, lines: [{ t: 1, stream: 'desk' as const, text: 'x' }] };
    expect(eventJson('job:log', other).toString('utf8')).toBe(JSON.stringify({ event: 'job:log', payload: other }));
  });
});
