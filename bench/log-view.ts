// 4. The log view in Chromium, during the stream: frame intervals from
// requestAnimationFrame, the JS heap, search over 200,000 lines, and a
// 1,000,000-character line, all through the real checkpoint dialog.
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium';
import { percentile, type Figure } from './lib';
import { LINES, STANDIN, standinRoot } from './log-stream';
import { startShell } from './startup';

export async function benchLogView(work: string): Promise<Figure[]> {
  const root = standinRoot(join(work, 'view'));
  const token = 'view-token';
  const shell = await startShell(join(work, 'view', 'data'), 7452, token, {
    STANDIN_STDERR_LINES: String(LINES),
    STANDIN_LONG_LINE: '1000000',
  });
  const api = (method: string, body: unknown) =>
    fetch(`${shell.origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await api('updateSettings', { runscPath: STANDIN });
  await api('addRoot', { path: root, globalFlags: ['--network=none'] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx names functions with a helper that the page does not have.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${shell.origin}/?token=${token}#token=${token}`);
    const row = page.locator('tr[data-testid="container-row"][data-id="stream-1"]');
    await row.getByRole('button', { name: 'Checkpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Image path').fill(join(work, 'view', 'image'));
    await page.waitForTimeout(400); // the plan settles
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean };
      w.__frames = [];
      w.__recording = true;
      const tick = (t: number) => {
        if (!w.__recording) return;
        w.__frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
    await page.getByTestId('job-status').and(page.locator('[data-status="succeeded"]')).waitFor({ timeout: 120_000 });
    await page.getByTestId('log-count').filter({ hasText: /200,0\d\d/ }).waitFor({ timeout: 60_000 });
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __recording: boolean };
      w.__recording = false;
      return w.__frames;
    });
    const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
    const p95 = percentile(intervals, 95);
    const worst = Math.max(...intervals);
    const heapMb = (await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)) / 1024 / 1024;

    // Search: from the keystroke to the answer on screen.
    const search = page.getByLabel('Search log');
    const searchMs = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Search log"]')!;
      const count = input.parentElement!.querySelector('.log-search-count')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const start = performance.now();
      setter.call(input, 'debug line 199999 ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (!/of|match/.test(count.textContent ?? '')) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    });
    await search.fill('');

    // The 1,000,000-character line: at the end of the log, in view; the page must keep painting.
    const longLineFrames = await page.evaluate(async () => {
      const times: number[] = [];
      const until = performance.now() + 1500;
      while (performance.now() < until) times.push(await new Promise<number>((r) => requestAnimationFrame(r)));
      return times.slice(1).map((t, i) => t - times[i]!);
    });
    const longLineWorst = Math.max(...longLineFrames);
    return [
      { name: 'log view: p95 frame interval during the stream', value: p95, unit: 'ms', bar: '≤ 50 ms', met: p95 <= 50, detail: `${intervals.length} frames, worst ${worst.toFixed(0)} ms` },
      { name: 'log view: worst frame during the stream', value: worst, unit: 'ms' },
      { name: 'log view: JS heap after 200,000 lines', value: heapMb, unit: 'MB', bar: '≤ 250 MB', met: heapMb <= 250 },
      { name: 'log view: search over 200,000 lines', value: searchMs, unit: 'ms', bar: '≤ 200 ms', met: searchMs <= 200 },
      { name: 'log view: worst frame with a 1,000,000-char line', value: longLineWorst, unit: 'ms', bar: 'no freeze (≤ 100 ms)', met: longLineWorst <= 100 },
    ];
  } finally {
    await browser.close();
    shell.stop();
  }
}
