// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogPanel } from '../../../renderer/components/log/LogPanel';
import { LINE_LIMIT } from '../../../renderer/components/log/LogRow';
import { fakeDesk, logLines, logPage } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

async function panel(lines = logLines(0, 100_000)) {
  const desk = fakeDesk();
  desk.calls.getJobLog.mockImplementation(logPage(lines));
  const view = renderWithStore(<LogPanel jobId="job-1" fileName="job-1.log.txt" />, desk);
  await act(async () => {
    await view.store.logs.fill('job-1');
  });
  return { ...view, desk };
}

describe('LogPanel', () => {
  it('renders only the rows in view of a 100,000-line log, following the end', async () => {
    await panel();
    expect(screen.getByTestId('log-count').textContent).toBe('100,000 lines');
    const rows = screen.getAllByTestId('log-line');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(rows.at(-1)!.textContent).toContain('line 99999');
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('takes live lines and keeps following', async () => {
    const { desk } = await panel(logLines(0, 10));
    act(() => desk.emit('job:log', { jobId: 'job-1', from: 10, lines: logLines(10, 3) }));
    expect(screen.getByTestId('log-count').textContent).toBe('13 lines');
    expect(screen.getAllByTestId('log-line').at(-1)!.textContent).toContain('line 12');
  });

  it('cuts a 100,000-character line, and shows it all on request', async () => {
    await panel([{ t: 1, stream: 'stderr', text: 'y'.repeat(100_000) }]);
    const row = screen.getByTestId('log-line');
    expect(row.getAttribute('data-stream')).toBe('stderr');
    expect(row.querySelector('.log-text')!.textContent!.length).toBeLessThan(LINE_LIMIT + 100);
    fireEvent.click(screen.getByRole('button', { name: 'show all 100,000 characters' }));
    expect(screen.getByTestId('log-line').querySelector('.log-text')!.textContent!.length).toBeGreaterThan(100_000);
    expect(screen.getByRole('button', { name: 'show less' })).toBeTruthy();
  });

  it('searches: "n of m", Enter for next, Shift+Enter for previous, follow off', async () => {
    await panel(logLines(0, 50, (i) => (i % 10 === 0 ? `checkpoint step ${i}` : `other ${i}`)));
    const search = screen.getByLabelText('Search log');
    act(() => {
      fireEvent.change(search, { target: { value: 'CHECKPOINT' } });
    });
    expect(screen.getByText(/of 5$/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('false');
    const first = screen.getByText(/^\d of 5$/).textContent;
    act(() => {
      fireEvent.keyDown(search, { key: 'Enter' });
    });
    const next = screen.getByText(/^\d of 5$/).textContent;
    expect(Number(next![0])).toBe((Number(first![0]) % 5) + 1);
    act(() => {
      fireEvent.keyDown(search, { key: 'Enter', shiftKey: true });
    });
    expect(screen.getByText(/^\d of 5$/).textContent).toBe(first);
    expect(document.querySelector('mark.hit.current')?.textContent).toBe('checkpoint');
    act(() => {
      fireEvent.change(search, { target: { value: 'nowhere' } });
    });
    expect(screen.getByText('No matches')).toBeTruthy();
  });

  it('Ctrl+F focuses its search field', async () => {
    await panel(logLines(0, 3));
    act(() => {
      fireEvent.keyDown(document, { key: 'f', ctrlKey: true });
    });
    expect(document.activeElement).toBe(screen.getByLabelText('Search log'));
  });

  it('toggles timestamps', async () => {
    await panel(logLines(0, 3));
    expect(document.querySelector('.log-time')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Timestamps' }));
    expect(document.querySelector('.log-time')?.getAttribute('datetime')).toMatch(/^\d{4}-/);
  });
});
