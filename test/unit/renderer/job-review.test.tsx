// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { setReportSaver } from '../../../renderer/lib/save-report';
import { App } from '../../../renderer/views/App';
import { glogLevel, levelClass } from '../../../renderer/views/jobs/glog-level';
import { rerunRequest } from '../../../renderer/views/jobs/rerun';
import { fakeDesk, job, logPage } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
afterEach(() => {
  cleanup();
  setReportSaver(null);
});

const FAILED: Job = job('j2', {
  kind: 'restore',
  title: 'Restore web-1',
  status: 'failed',
  endedAt: 1_700_000_003_000,
  options: { imagePath: '/img/a', root: '/run/runsc', id: 'web-1', bundle: '/b' },
  request: { imagePath: '/img/a' },
  debugLogDir: '/data/jobs/j2/runsc-debug',
  error: { code: 'RUNSC_FAILED', message: 'runsc restore exited 128: header error: unexpected EOF' },
});

const DEBUG_FILE = { name: 'runsc-debug/runsc.log.20240729-120000.000001.restore.txt', kind: 'debug-log' as const, bytes: 4096, mtimeMs: 1 };
const DEBUG_LINES = [
  { t: 1, stream: 'stdout' as const, text: 'I0729 12:00:00.000001   42 main.go:1] ***************************' },
  { t: 2, stream: 'stdout' as const, text: 'W0729 12:00:00.000002   42 x.go:2] a warning' },
  { t: 3, stream: 'stdout' as const, text: 'E0729 12:00:00.000003   42 x.go:3] restoring container "web-1": header error: unexpected EOF' },
];

async function openJob(desk = fakeDesk(), which: Job = FAILED) {
  desk.calls.listJobs.mockResolvedValue([which]);
  desk.calls.getJob.mockResolvedValue(which);
  desk.calls.getJobLog.mockImplementation(logPage([]));
  desk.calls.listJobFiles.mockResolvedValue([DEBUG_FILE]);
  desk.calls.getJobFile.mockImplementation(logPage(DEBUG_LINES));
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    view.store.getState().setView('jobs');
  });
  await act(async () => {
    fireEvent.click(screen.getAllByTestId('job-row')[0]!);
  });
  return { desk, view, panel: screen.getByTestId('job-details') };
}

describe('glog levels', () => {
  it('marks E and W lines, and the FATAL ERROR util.Fatalf writes at W as an error', () => {
    expect(glogLevel('E0729 12:00:00.000003 42 x.go:3] boom')).toBe('error');
    expect(glogLevel('W1201 05:21:14.022082 16802 util.go:64] FATAL ERROR: error opening debug log file')).toBe('error');
    expect(levelClass('W0729 12:00:00.000002 42 x.go:2] careful')).toBe('log-level-warning');
    expect(levelClass('I0729 12:00:00.000001 42 main.go:1] fine')).toBeNull();
    expect(levelClass('goroutine 1 [running]:')).toBeNull();
  });
});

describe('the failed job\'s review', () => {
  it('lists runsc\'s debug logs and opens one in the log view, its error and warning lines marked', async () => {
    const { desk, panel } = await openJob();
    const part = within(panel).getByTestId('debug-logs');
    await waitFor(() => expect(within(part).getAllByTestId('debug-log-file')).toHaveLength(1));
    expect(desk.calls.listJobFiles).toHaveBeenCalledWith({ jobId: 'j2' });
    expect(part.textContent).toContain('runsc.log.20240729-120000.000001.restore.txt');
    await act(async () => {
      fireEvent.click(within(part).getByRole('button', { name: 'Open' }));
    });
    await waitFor(() => expect(within(part).getAllByTestId('log-line')).toHaveLength(3));
    expect(desk.calls.getJobFile).toHaveBeenCalledWith(expect.objectContaining({ jobId: 'j2', name: DEBUG_FILE.name, offset: 0 }));
    const rows = within(part).getAllByTestId('log-line');
    expect(rows[2]!.parentElement!.className).toBe('log-level-error');
    expect(rows[1]!.parentElement!.className).toBe('log-level-warning');
    expect(rows[0]!.parentElement!.className).not.toMatch(/log-level/);
    await act(async () => {
      fireEvent.click(within(part).getByRole('button', { name: 'First error' }));
    });
    expect(within(part).queryByText('None')).toBeNull();
  });

  it('"Run again with debug logs" sends the same request plus debug, linked to the failed job, and opens the new job', async () => {
    const { desk, panel } = await openJob();
    desk.calls.restore.mockResolvedValue({ jobId: 'j3' });
    desk.calls.getJob.mockResolvedValue(job('j3', { kind: 'restore', rerunOf: 'j2' }));
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Run again with debug logs' }));
    });
    expect(desk.calls.restore).toHaveBeenCalledWith({ imagePath: '/img/a', debug: true, rerunOf: 'j2' });
    await waitFor(() => expect(desk.calls.getJob).toHaveBeenCalledWith({ jobId: 'j3' }));
  });

  it('"What changed" shows only the differing rows as a two-column diff, or says there is nothing to compare with', async () => {
    const { desk, panel } = await openJob();
    desk.calls.compareJobs.mockResolvedValueOnce({
      jobId: 'j2',
      withJobId: 'j1',
      rows: [{ field: 'runsc version', before: '0.0~20240729.0', after: '0.0~20221219.0' }],
      message: null,
    });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'What changed since it last worked' }));
    });
    expect(desk.calls.compareJobs).toHaveBeenCalledWith({ jobId: 'j2' });
    const table = within(panel).getByRole('table', { name: 'What changed since it last worked' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['What', 'When it worked (j1)', 'This job']);
    const row = within(table).getByTestId('compare-row');
    expect([...row.children].map((c) => c.textContent)).toEqual(['runsc version', '0.0~20240729.0', '0.0~20221219.0']);

    cleanup();
    const second = await openJob();
    second.desk.calls.compareJobs.mockResolvedValueOnce({ jobId: 'j2', withJobId: null, rows: [], message: 'Nothing to compare with: no earlier restore of the image /img/a succeeded.' });
    await act(async () => {
      fireEvent.click(within(second.panel).getByRole('button', { name: 'What changed since it last worked' }));
    });
    expect(second.panel.textContent).toContain('Nothing to compare with: no earlier restore of the image /img/a succeeded.');
    expect(within(second.panel).queryByRole('table')).toBeNull();
  });

  it('"Save report…" downloads the archive in the browser, and goes to the desktop shell\'s saver where one is set', async () => {
    const { desk, panel } = await openJob();
    desk.calls.getJobReport.mockResolvedValue({ path: '/data/jobs/j2/j2.report.tar.gz', name: 'j2.report.tar.gz', bytes: 3, base64: 'H4sI' });
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Save report…' }));
    });
    expect(desk.calls.getJobReport).toHaveBeenCalledWith({ jobId: 'j2' });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(panel.textContent).toContain('Saved j2.report.tar.gz');

    const saver = vi.fn(async () => '/home/me/j2.report.tar.gz');
    setReportSaver(saver);
    desk.calls.exportJobReport.mockResolvedValue({ path: '/data/jobs/j2/j2.report.tar.gz', bytes: 3 });
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Save report…' }));
    });
    expect(saver).toHaveBeenCalledWith({ jobId: 'j2', path: '/data/jobs/j2/j2.report.tar.gz', name: 'j2.report.tar.gz' });
    expect(panel.textContent).toContain('Saved /home/me/j2.report.tar.gz');
  });

  it('offers no rerun and no report while the job runs; a job without debug logs lists none', async () => {
    const { desk, panel } = await openJob(fakeDesk(), job('j5', { kind: 'restore', status: 'running' }));
    expect(within(panel).queryByRole('button', { name: 'Run again with debug logs' })).toBeNull();
    expect((within(panel).getByRole('button', { name: 'Save report…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(panel).queryByTestId('debug-logs')).toBeNull();
    expect(desk.calls.listJobFiles).not.toHaveBeenCalled();
  });
});

describe('rerunRequest', () => {
  it('drops the folder a checkpoint filled in when the job kept no request', () => {
    expect(rerunRequest(job('j9', { kind: 'checkpoint', status: 'failed', options: { root: '/r', id: 'web-1', imagePath: '/img/x', rerunOf: 'old' } }))).toEqual({ root: '/r', id: 'web-1', debug: true, rerunOf: 'j9' });
  });
});
