// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogPanel } from '../../../renderer/components/log/LogPanel';
import { LogBuffer } from '../../../renderer/logs/log-buffer';
import { FoldTracker, RowMap, findFolds } from '../../../renderer/logs/log-folds';
import type { LogLine } from '../../../shared/jobs';
import { fakeDesk, logPage } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

// The real stderr of the 2022 runsc restoring an image of the 2024 one: one line of
// cause, then a 77-line goroutine dump ending in urpc.go:451.
const STDERR = readFileSync(join(__dirname, '../../fixtures/runsc-failures/restore-image-from-20240729.20221219.stderr'), 'utf8')
  .replace(/\n+$/, '')
  .split('\n');

const line = (stream: LogLine['stream'], text: string, t = 1_700_000_000_000): LogLine => ({ t, stream, text });
const JOB_LOG: LogLine[] = [
  line('desk', '$ runsc --root=/var/run/runsc --network=none restore -detach -bundle=/b -image-path=/i c1'),
  ...STDERR.map((text) => line('stderr', text)),
  line('desk', 'runsc restore exited 128'),
];
// Offsets in JOB_LOG: the desk line comes first.
const DUMP_START = 1 + STDERR.findIndex((l) => l.startsWith('goroutine '));
const DUMP_END = STDERR.length; // the last stderr line
const HIDDEN = DUMP_END - DUMP_START + 1 - 2;

async function panel(lines = JOB_LOG) {
  const desk = fakeDesk();
  desk.calls.getJobLog.mockImplementation(logPage(lines));
  const view = renderWithStore(<LogPanel jobId="job-1" fileName="job-1.log.txt" />, desk);
  await act(async () => {
    await view.store.logs.fill('job-1');
  });
  return view;
}

const shown = () => screen.getAllByTestId('log-line').map((row) => row.querySelector('.log-text')!.textContent ?? '');

describe('Go stacks in the log view', () => {
  it('folds a goroutine dump to its first line and first gVisor frame', async () => {
    await panel();
    const texts = shown();
    expect(texts.some((t) => t.includes('restoring container') && t.includes('header') === false)).toBe(true);
    expect(texts.some((t) => /^goroutine \d+ \[running\]:/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('gvisor.dev/gvisor/pkg/state.(*typeDecodeDatabase).Lookup('))).toBe(true);
    // The tail that the old summary showed is folded away, and so is the plumbing.
    expect(texts.some((t) => t.includes('urpc.go:433'))).toBe(false);
    expect(texts.some((t) => t.startsWith('gvisor.dev/gvisor/pkg/state.safely.func1()'))).toBe(false);
    expect(screen.getAllByTestId('log-line')).toHaveLength(JOB_LOG.length - HIDDEN);
    expect(document.querySelector('[data-fold="closed"] .log-text')!.textContent).toMatch(/^goroutine 19 \[running\]: Show \d+ lines$/);
    expect(document.querySelector('.log-fold-frame')!.textContent).toContain('typeDecodeDatabase');
    // Line numbers stay those of the whole log.
    expect(screen.getAllByTestId('log-line').at(-1)!.querySelector('.log-no')!.textContent).toBe(String(JOB_LOG.length));
    expect(screen.getByTestId('log-count').textContent).toBe(`${JOB_LOG.length} lines`);
  });

  it('opens and closes on its button', async () => {
    await panel();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Show ${HIDDEN} lines` }));
      // The scroll lands on the next microtask, as in a browser.
      await Promise.resolve();
    });
    // The stack's first line stays in view, with the frames it hid under it; following stops.
    expect(screen.getAllByTestId('log-line').length).toBeGreaterThan(JOB_LOG.length - HIDDEN);
    expect(shown().some((t) => t.startsWith('gvisor.dev/gvisor/pkg/state.safely.func1()'))).toBe(true);
    expect(document.querySelector('.log-fold-frame')).toBeNull();
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('false');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: `Hide ${HIDDEN} lines` }));
      await Promise.resolve();
    });
    expect(screen.getAllByTestId('log-line')).toHaveLength(JOB_LOG.length - HIDDEN);
  });

  it('opens the fold that hides a search match, and shows the match', async () => {
    await panel();
    const search = screen.getByLabelText('Search log');
    await act(async () => {
      fireEvent.change(search, { target: { value: 'urpc.go:433' } });
      await Promise.resolve();
    });
    // Two stacks joined by a lone ':', both in the one fold.
    expect(screen.getByText(/^\d of 2$/)).toBeTruthy();
    expect(document.querySelector('mark.hit.current')?.textContent).toBe('urpc.go:433');
    // Open: the frames around the match are there, and nothing stands in for them.
    expect(shown().some((t) => t.startsWith('gvisor.dev/gvisor/pkg/urpc.(*Server).handleRegistered('))).toBe(true);
    expect(document.querySelector('.log-fold-frame')).toBeNull();
  });
});

describe('findFolds and RowMap', () => {
  const buffer = () => {
    const b = new LogBuffer();
    b.append(0, JOB_LOG);
    return b;
  };

  it('finds the dump on stderr, with its frame', () => {
    const folds = findFolds(buffer());
    expect(folds).toHaveLength(1);
    expect(folds[0]).toMatchObject({ start: DUMP_START, end: DUMP_END, hidden: HIDDEN });
    expect(JOB_LOG[folds[0]!.frame!]!.text).toMatch(/^gvisor\.dev\/gvisor\/pkg\/state\.\(\*typeDecodeDatabase\)\.Lookup/);
  });

  it('ends a stack at a line of another stream, and folds nothing on stdout', () => {
    const split = new LogBuffer();
    const at = DUMP_START + 10;
    split.append(0, [...JOB_LOG.slice(0, at), line('desk', 'note'), ...JOB_LOG.slice(at)]);
    const folds = findFolds(split);
    expect(folds[0]).toMatchObject({ start: DUMP_START });
    expect(folds[0]!.end).toBeLessThan(at);
    expect(folds.every((f) => f.start > at || f.end < at)).toBe(true);
    const stdout = new LogBuffer();
    stdout.append(0, JOB_LOG.map((l) => ({ ...l, stream: 'stdout' as const })));
    expect(findFolds(stdout)).toEqual([]);
  });

  it('kept up to date batch by batch, finds what a whole read finds, a stack split across batches whole, and answers the same array while nothing changes', () => {
    const whole = findFolds(buffer());
    const twice = [...JOB_LOG, line('desk', 'again'), ...JOB_LOG];
    for (const size of [1, 7, 50, twice.length]) {
      const streamed = new LogBuffer();
      const tracker = new FoldTracker();
      let folds = tracker.update(streamed);
      for (let from = 0; from < twice.length; from += size) {
        streamed.append(from, twice.slice(from, from + size));
        folds = tracker.update(streamed);
      }
      const all = new LogBuffer();
      all.append(0, twice);
      expect(folds, `batches of ${size}`).toEqual(findFolds(all));
      expect(folds[0]).toEqual(whole[0]);
      expect(tracker.update(streamed)).toBe(folds);
    }
  });

  it('drops the folds of lines the buffer let go', () => {
    const small = new LogBuffer(JOB_LOG.length + 5);
    const tracker = new FoldTracker();
    small.append(0, JOB_LOG);
    expect(tracker.update(small)).toHaveLength(1);
    small.append(JOB_LOG.length, Array.from({ length: JOB_LOG.length }, (_, i) => line('stdout', `later ${i}`)));
    expect(tracker.update(small)).toEqual([]);
  });

  it('maps rows to offsets past a closed fold, and a hidden offset to its fold', () => {
    const b = buffer();
    const [fold] = findFolds(b);
    const rows = new RowMap(b.start, b.length, [fold!]);
    expect(rows.count).toBe(JOB_LOG.length - HIDDEN);
    expect(rows.offsetAt(DUMP_START - b.start)).toBe(DUMP_START);
    expect(rows.offsetAt(DUMP_START - b.start + 1)).toBe(fold!.frame);
    expect(rows.offsetAt(rows.count - 1)).toBe(JOB_LOG.length - 1);
    expect(rows.rowOf(DUMP_END)).toBe(rows.rowOf(DUMP_START));
    expect(rows.hiding(DUMP_END)).toBe(fold);
    expect(rows.hiding(fold!.frame!)).toBeUndefined();
    expect(rows.isFoldFrame(fold!.frame!)).toBe(true);
    const open = new RowMap(b.start, b.length, []);
    expect(open.count).toBe(JOB_LOG.length);
    expect(open.rowOf(DUMP_END)).toBe(DUMP_END);
  });
});
