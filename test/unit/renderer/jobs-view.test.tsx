// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobStep } from '../../../shared/jobs';
import { App } from '../../../renderer/views/App';
import { fakeDesk, job, logLines, logPage } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const step = (patch: Partial<JobStep>): JobStep => ({
  name: 'runsc',
  title: 'runsc checkpoint',
  status: 'succeeded',
  argv: null,
  startedAt: 1_700_000_000_000,
  endedAt: 1_700_000_002_500,
  exitCode: null,
  signal: null,
  stdoutLines: 0,
  stderrLines: 0,
  ...patch,
});

const JOBS = [
  job('j3', { createdAt: 3, title: 'Checkpoint web-1', status: 'running', endedAt: null }),
  job('j2', {
    createdAt: 2,
    title: 'Checkpoint db-1',
    target: { root: '/run/runsc', id: 'db-1' },
    status: 'failed',
    endedAt: 1_700_000_003_000,
    steps: [
      step({ name: 'preflight', title: 'Check the container and the image folder', argv: null, endedAt: 1_700_000_000_040 }),
      step({
        name: 'runsc',
        title: 'runsc checkpoint',
        status: 'failed',
        argv: ['runsc', '--root', '/run/runsc', 'checkpoint', '--image-path=/srv/my img', '--work-dir=/x', '--', 'db-1'],
        exitCode: 128,
        stdoutLines: 0,
        stderrLines: 2,
      }),
    ],
    warnings: ['workPath is ignored by runsc'],
    notes: [],
    diagnosis: {
      title: 'runsc does not know a flag',
      evidence: 'flag provided but not defined: -work-dir',
      fix: 'Use --work-path, or leave it out.',
    },
    error: { code: 'RUNSC_FAILED', message: 'runsc checkpoint: exit status 128', details: { exitCode: 128 } },
  }),
  job('j1', { createdAt: 1, title: 'Checkpoint web-1', status: 'interrupted', endedAt: null }),
  job('j0', { createdAt: 0, title: 'Checkpoint web-1', status: 'succeeded', endedAt: 1_700_000_001_000 }),
];

async function jobsView(desk = fakeDesk()) {
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    view.store.getState().setView('jobs');
  });
  return view;
}

const rowIds = () => screen.queryAllByTestId('job-row').map((r) => r.getAttribute('data-id'));

describe('JobsView', () => {
  it('is reached from the sidebar, and says what to do when there are no jobs', async () => {
    const desk = fakeDesk();
    renderWithStore(<App />, desk);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Jobs' }));
    });
    expect(desk.calls.listJobs).toHaveBeenCalledWith({});
    expect(screen.getByText('No jobs yet — checkpoint a container from the Containers view.')).toBeTruthy();
  });

  it('lists every job newest first, with status, container and duration', async () => {
    const desk = fakeDesk();
    desk.calls.listJobs.mockResolvedValue(JOBS);
    await jobsView(desk);
    expect(rowIds()).toEqual(['j3', 'j2', 'j1', 'j0']);
    const failed = screen.getAllByTestId('job-row')[1]!;
    expect(failed.getAttribute('data-status')).toBe('failed');
    expect(within(failed).getByText('failed').className).toContain('job-failed');
    expect(within(failed).getByText('db-1')).toBeTruthy();
    expect(within(failed).getByText('3 s')).toBeTruthy();
  });

  it('filters to failed or interrupted jobs', async () => {
    const desk = fakeDesk();
    desk.calls.listJobs.mockResolvedValue(JOBS);
    await jobsView(desk);
    fireEvent.click(screen.getByRole('button', { name: 'Failed or interrupted' }));
    expect(rowIds()).toEqual(['j2', 'j1']);
    expect(screen.getByText('2 of 4 jobs')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(rowIds()).toEqual(['j3', 'j2', 'j1', 'j0']);
  });

  it('keeps the list live from job:update events', async () => {
    const desk = fakeDesk();
    desk.calls.listJobs.mockResolvedValue(JOBS);
    await jobsView(desk);
    act(() => desk.emit('job:update', { ...JOBS[0]!, status: 'succeeded', endedAt: 1_700_000_009_000 }));
    act(() => desk.emit('job:update', job('j4', { createdAt: 4 })));
    expect(rowIds()).toEqual(['j4', 'j3', 'j2', 'j1', 'j0']);
    expect(screen.getAllByTestId('job-row')[1]!.getAttribute('data-status')).toBe('succeeded');
  });

  it('opens a job: steps with their exact commands, the diagnosis, warnings and the log', async () => {
    const desk = fakeDesk();
    desk.calls.listJobs.mockResolvedValue(JOBS);
    desk.calls.getJob.mockResolvedValue(JOBS[1]!);
    desk.calls.getJobLog.mockImplementation(
      logPage([
        { t: 1, stream: 'desk', text: 'runsc --root /run/runsc checkpoint …' },
        { t: 2, stream: 'stderr', text: 'flag provided but not defined: -work-dir' },
      ]),
    );
    await jobsView(desk);
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('job-row')[1]!);
    });
    expect(desk.calls.getJob).toHaveBeenCalledWith({ jobId: 'j2' });
    const panel = screen.getByTestId('job-details');
    expect(within(panel).getByTestId('job-status').getAttribute('data-status')).toBe('failed');

    const steps = within(panel).getAllByTestId('job-step');
    expect(steps.map((s) => s.getAttribute('data-step'))).toEqual(['preflight', 'runsc']);
    expect(steps[1]!.textContent).toContain(
      "runsc --root /run/runsc checkpoint '--image-path=/srv/my img' --work-dir=/x -- db-1",
    );
    expect(steps[1]!.textContent).toContain('exit 128');
    expect(steps[1]!.textContent).toContain('0 out · 2 err');
    expect(steps[1]!.textContent).toContain('2 s');
    expect(within(steps[1]!).getByRole('button', { name: 'Copy command' })).toBeTruthy();

    const diagnosis = within(panel).getByTestId('diagnosis');
    expect(diagnosis.textContent).toContain('runsc does not know a flag');
    expect(diagnosis.textContent).toContain('Use --work-path, or leave it out.');
    expect(panel.textContent).toContain('runsc checkpoint: exit status 128');
    expect(panel.textContent).toContain('workPath is ignored by runsc');

    const lines = within(panel).getAllByTestId('log-line');
    expect(lines.map((l) => l.getAttribute('data-stream'))).toEqual(['desk', 'stderr']);

    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByTestId('job-details')).toBeNull();
  });

  it('a failure notice opens its job and can be dismissed', async () => {
    const desk = fakeDesk();
    desk.calls.getJob.mockResolvedValue(JOBS[1]!);
    const view = renderWithStore(<App />, desk);
    act(() => desk.emit('job:update', { ...JOBS[1]!, status: 'running' }));
    act(() => desk.emit('job:update', JOBS[1]!));
    const notice = screen.getByTestId('notice');
    expect(notice.textContent).toContain('Checkpoint db-1 failed: runsc does not know a flag');
    await act(async () => {
      fireEvent.click(within(notice).getByRole('button', { name: 'Open job' }));
    });
    expect(view.store.getState().view).toBe('jobs');
    expect(screen.getByTestId('job-details').textContent).toContain('Checkpoint db-1');

    act(() => desk.emit('job:update', job('j9', { title: 'Checkpoint x', status: 'failed' })));
    fireEvent.click(within(screen.getByTestId('notice')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
