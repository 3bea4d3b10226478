// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobStep } from '../../../shared/jobs';
import { MAX_POINTS, downsample, historyPoints, type HistoryPoint } from '../../../renderer/lib/history';
import { ContainerHistory } from '../../../renderer/views/containers/history/ContainerHistory';
import { fakeDesk, job } from './fake-desk';
import { renderWithStore } from './render';

// happy-dom has no canvas: the lazy chunk is replaced by a list of what it was given.
vi.mock('../../../renderer/views/containers/history/HistoryChart', () => ({
  default: ({ points, onOpen }: { points: HistoryPoint[]; onOpen: (id: string) => void }) => (
    <ul data-testid="history-chart">
      {points.map((p) => (
        <li key={p.jobId} onClick={() => onOpen(p.jobId)}>
          {p.jobId}
        </li>
      ))}
    </ul>
  ),
}));

afterEach(cleanup);

const T0 = 1_700_000_000_000;
const step = (name: string, startedAt: number, ms: number): JobStep => ({
  name,
  title: name,
  status: 'succeeded',
  argv: null,
  startedAt,
  endedAt: startedAt + ms,
  exitCode: 0,
  signal: null,
  stdoutLines: 0,
  stderrLines: 0,
});

function done(id: string, at: number, patch: Partial<Job> = {}): Job {
  return job(id, {
    status: 'succeeded',
    startedAt: at,
    endedAt: at + 5000,
    imageBytes: 4 * 1024 * 1024,
    steps: [step('preflight', at, 100), step('runsc', at + 100, 1840), step('record', at + 1940, 10)],
    ...patch,
  });
}

describe('historyPoints', () => {
  it('takes succeeded checkpoints and restores, oldest first, timed by the runsc step', () => {
    const points = historyPoints([
      done('b', T0 + 2000, { kind: 'restore', imageBytes: null }),
      done('a', T0),
      done('f', T0 + 1000, { status: 'failed' }),
      done('d', T0 + 3000, { kind: 'delete' }),
      done('n', T0 + 4000, { steps: [] }),
    ]);
    expect(points.map((p) => [p.jobId, p.kind, p.durationMs, p.imageBytes])).toEqual([
      ['a', 'checkpoint', 1840, 4 * 1024 * 1024],
      ['b', 'restore', 1840, null],
      ['n', 'checkpoint', 5000, 4 * 1024 * 1024], // no runsc step: the whole job
    ]);
  });
});

describe('downsample', () => {
  it('draws 10,000 jobs as at most MAX_POINTS real ones, in order, and keeps a spike', () => {
    const points: HistoryPoint[] = Array.from({ length: 10_000 }, (_, i) => ({
      jobId: `job-${i}`,
      kind: 'checkpoint',
      at: T0 + i * 60_000,
      imageBytes: 1024,
      durationMs: i === 7777 ? 90_000 : 1000 + (i % 7),
    }));
    const kept = downsample(points);
    expect(kept.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(kept.length).toBeGreaterThan(MAX_POINTS / 2);
    const ids = new Set(points.map((p) => p.jobId));
    expect(kept.every((p) => ids.has(p.jobId))).toBe(true);
    expect(kept.map((p) => p.at)).toEqual([...kept.map((p) => p.at)].sort((a, b) => a - b));
    expect(kept.some((p) => p.jobId === 'job-7777')).toBe(true);
    expect(downsample(points.slice(0, 10))).toHaveLength(10);
  });
});

async function shown(jobs: Job[], containerId = 'web-1') {
  const desk = fakeDesk();
  desk.calls.listJobs.mockResolvedValue(jobs);
  const view = renderWithStore(<ContainerHistory containerId={containerId} />, desk);
  await act(async () => {});
  return { ...view, desk };
}

describe('ContainerHistory', () => {
  it('asks listJobs for this container, and says so in a sentence when nothing finished', async () => {
    const { desk } = await shown([done('f', T0, { status: 'failed' })]);
    expect(desk.calls.listJobs).toHaveBeenCalledWith({ containerId: 'web-1' });
    expect(screen.getByTestId('history-empty').textContent).toContain('No checkpoint or restore of web-1 has finished yet');
    expect(screen.queryByTestId('history-chart')).toBeNull();
  });

  it('says one point in a sentence, with its job one click away', async () => {
    const { store } = await shown([done('only', T0)]);
    const one = screen.getByTestId('history-one');
    expect(one.textContent).toContain('One checkpoint so far: 4.0 MiB, written in 1.84 s');
    expect(screen.queryByTestId('history-chart')).toBeNull();
    fireEvent.click(within(one).getByRole('button', { name: 'Open the job' }));
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().selectedJobId).toBe('only');
  });

  it('draws two points or more, opens a point’s job, and lists the latest as a table', async () => {
    const { store } = await shown([done('a', T0), done('b', T0 + 60_000, { kind: 'restore', imageBytes: null })]);
    const chart = await screen.findByTestId('history-chart');
    expect(within(chart).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
    const rows = screen.getAllByTestId('history-row');
    expect(rows.map((r) => r.getAttribute('data-job'))).toEqual(['b', 'a']);
    expect(rows[0]!.textContent).toContain('restore');
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Open job' }));
    expect(store.getState().selectedJobId).toBe('a');
    fireEvent.click(within(chart).getByText('b'));
    expect(store.getState().selectedJobId).toBe('b');
  });

  it('adds the point of a job that just ended, from the job:update event', async () => {
    const { desk } = await shown([done('a', T0)]);
    expect(screen.getByTestId('history-one')).toBeTruthy();
    await act(async () => desk.emit('job:update', done('b', T0 + 60_000)));
    const chart = await screen.findByTestId('history-chart');
    expect(within(chart).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['a', 'b']);
  });

  it('says it downsampled a long history', async () => {
    await shown(Array.from({ length: 2000 }, (_, i) => done(`j-${i}`, T0 + i * 1000)));
    expect(screen.getByTestId('history-downsampled').textContent).toMatch(/^\d+ of 2000 jobs drawn/);
  });

  it('shows a listJobs failure in place', async () => {
    const desk = fakeDesk();
    desk.calls.listJobs.mockRejectedValue({ code: 'INTERNAL', message: 'jobs folder unreadable' });
    renderWithStore(<ContainerHistory containerId="web-1" />, desk);
    await act(async () => {});
    expect(screen.getByTestId('container-history').textContent).toContain('jobs folder unreadable');
  });
});
