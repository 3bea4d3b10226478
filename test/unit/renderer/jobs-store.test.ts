import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { CheckpointPlan } from '../../../shared/jobs';
import { createDeskStore } from '../../../renderer/store';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { SUCCESS_NOTICE_MS } from '../../../renderer/state/jobs-slice';
import { DESK_ROOT, deferred, fakeDesk, job, logLines, plan } from './fake-desk';

afterEach(() => {
  vi.useRealTimers();
});

const target = { root: DESK_ROOT, id: 'web-1' };

describe('checkpoint dialog state', () => {
  it('plans at once on open, then after a pause in typing, once', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    expect(desk.calls.planCheckpoint).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1' });
    await vi.runAllTimersAsync();

    desk.calls.planCheckpoint.mockClear();
    for (const text of ['/', '/s', '/sr', '/srv/img']) store.getState().setCheckpointForm({ imagePath: text });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS - 10);
    expect(desk.calls.planCheckpoint).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(desk.calls.planCheckpoint).toHaveBeenCalledTimes(1);
    expect(desk.calls.planCheckpoint).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1', imagePath: '/srv/img' });
  });

  it('drops a plan that answers after a newer one', async () => {
    const desk = fakeDesk();
    const slow = deferred<CheckpointPlan>();
    const fast = plan({ argv: ['runsc', 'checkpoint', '--image-path=/new'] });
    desk.calls.planCheckpoint.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(fast);
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    await store.getState().planCheckpointNow();
    slow.resolve(plan({ argv: ['runsc', 'checkpoint', '--image-path=/old'] }));
    await slow.promise;
    expect(store.getState().checkpoint?.plan).toBe(fast);
  });

  it('sends options only when asked for, and extra flags tokenized', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    store.getState().setCheckpointForm({ leaveRunning: true, compression: 'none', extraFlags: ' --work-dir /x  --debug' });
    await vi.runAllTimersAsync();
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({
      root: DESK_ROOT,
      id: 'web-1',
      leaveRunning: true,
      compression: 'none',
      extraFlags: ['--work-dir=/x', '--debug'],
    });
  });

  it('keeps a plan call refusal by field, and the next good plan clears it', async () => {
    const desk = fakeDesk();
    desk.calls.planCheckpoint.mockRejectedValueOnce(
      new DeskError('INVALID_INPUT', 'planCheckpoint: imagePath must be an absolute path', { field: 'imagePath' }),
    );
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    await vi.waitFor(() => expect(store.getState().checkpoint?.planError?.details?.field).toBe('imagePath'));
    await store.getState().planCheckpointNow();
    expect(store.getState().checkpoint?.planError).toBeNull();
  });

  it('submits, opens the job log before any line arrives, and holds the job id', async () => {
    const desk = fakeDesk();
    desk.calls.checkpoint.mockResolvedValue({ jobId: 'job-7' });
    desk.calls.getJob.mockResolvedValue(job('job-7'));
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    await expect(store.getState().submitCheckpoint()).resolves.toBe(true);
    expect(store.getState().checkpoint?.jobId).toBe('job-7');
    expect(store.getState().checkpoint?.submitting).toBe(false);
    expect(store.getState().jobs.map((j) => j.id)).toEqual(['job-7']);
    desk.emit('job:log', { jobId: 'job-7', from: 0, lines: logLines(0, 2) });
    expect(store.logs.get('job-7')?.length).toBe(2);
  });

  it('keeps a refused submit with its field, until the form changes', async () => {
    const desk = fakeDesk();
    desk.calls.checkpoint.mockRejectedValue(
      new DeskError('IMAGE_EXISTS', '/srv/img already holds a checkpoint.img', { field: 'imagePath' }),
    );
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    await expect(store.getState().submitCheckpoint()).resolves.toBe(false);
    expect(store.getState().checkpoint?.submitError?.code).toBe('IMAGE_EXISTS');
    store.getState().setCheckpointForm({ imagePath: '/srv/other' });
    expect(store.getState().checkpoint?.submitError).toBeNull();
  });
});

describe('jobs state', () => {
  it('takes job:update events: new jobs on top, known jobs replaced', () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    desk.emit('job:update', job('a', { createdAt: 1 }));
    desk.emit('job:update', job('b', { createdAt: 2 }));
    desk.emit('job:update', job('a', { createdAt: 1, status: 'succeeded', imageBytes: 42 }));
    expect(store.getState().jobs.map((j) => [j.id, j.status])).toEqual([
      ['b', 'running'],
      ['a', 'succeeded'],
    ]);
  });

  it('does not let an older read take a finished job back to running', async () => {
    const desk = fakeDesk();
    const listed = deferred<ReturnType<typeof job>[]>();
    desk.calls.listJobs.mockReturnValue(listed.promise);
    const store = createDeskStore(desk);
    const refresh = store.getState().refreshJobs();
    desk.emit('job:update', job('a', { status: 'failed' }));
    desk.emit('job:update', job('new', { createdAt: 2_000_000_000_000 }));
    listed.resolve([job('a', { status: 'running' }), job('old', { createdAt: 1 })]);
    await refresh;
    expect(store.getState().jobs.map((j) => [j.id, j.status])).toEqual([
      ['new', 'running'],
      ['a', 'failed'],
      ['old', 'running'],
    ]);
    expect(store.getState().jobsLoaded).toBe(true);
  });

  it('raises a notice on failure that stays, naming the diagnosis', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    desk.emit('job:update', job('a'));
    desk.emit(
      'job:update',
      job('a', {
        status: 'failed',
        diagnosis: { title: 'runsc does not know this flag', evidence: 'flag provided but not defined: -work-dir', fix: 'Use --work-path.' },
      }),
    );
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      tone: 'error',
      jobId: 'a',
      message: 'Checkpoint web-1 failed: runsc does not know this flag',
    });
    // The same failure again rewrites the notice rather than stacking another.
    desk.emit('job:update', job('a', { status: 'failed', error: { code: 'RUNSC_FAILED', message: 'x' } }));
    expect(store.getState().notices).toHaveLength(1);
    store.getState().dismissNotice(notices[0]!.id);
    expect(store.getState().notices).toHaveLength(0);
  });

  it('says why without a diagnosis: the first stderr line; interrupted jobs too', () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    desk.emit(
      'job:update',
      job('a', {
        status: 'failed',
        error: { code: 'RUNSC_FAILED', message: 'runsc checkpoint: exit status 128', details: { stderr: '\ncannot checkpoint: boom\nmore' } },
      }),
    );
    desk.emit('job:update', job('b', { title: 'Checkpoint db-1', status: 'interrupted' }));
    expect(store.getState().notices.map((n) => n.message)).toEqual([
      'Checkpoint web-1 failed: cannot checkpoint: boom',
      'Checkpoint db-1 was interrupted: the Desk stopped while it ran',
    ]);
  });

  it('a success notice leaves on its own; a read never raises one', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    desk.calls.listJobs.mockResolvedValue([job('old', { status: 'failed' })]);
    const store = createDeskStore(desk);
    await store.getState().refreshJobs();
    expect(store.getState().notices).toHaveLength(0);
    desk.emit('job:update', job('a'));
    desk.emit('job:update', job('a', { status: 'succeeded' }));
    expect(store.getState().notices.map((n) => n.tone)).toEqual(['success']);
    await vi.advanceTimersByTimeAsync(SUCCESS_NOTICE_MS + 1);
    expect(store.getState().notices).toHaveLength(0);

    // The dialog showing the job says it already; no notice on top.
    store.getState().openCheckpoint(target);
    await store.getState().submitCheckpoint();
    desk.emit('job:update', job('job-1', { status: 'succeeded' }));
    expect(store.getState().notices).toHaveLength(0);
  });

  it('openJob goes to Jobs, closes the dialog and opens the job', async () => {
    const desk = fakeDesk();
    desk.calls.getJob.mockResolvedValue(job('a', { status: 'failed' }));
    const store = createDeskStore(desk);
    store.getState().openCheckpoint(target);
    store.getState().openJob('a');
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().checkpoint).toBeNull();
    expect(store.getState().selectedJobId).toBe('a');
    await vi.waitFor(() => expect(store.getState().jobs[0]?.status).toBe('failed'));
  });

  it('cancelJob calls the API and keeps its error for the button', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    await expect(store.getState().cancelJob('job-1')).resolves.toBe(true);
    expect(desk.calls.cancelJob).toHaveBeenCalledWith({ jobId: 'job-1' });
    desk.calls.cancelJob.mockRejectedValue(new DeskError('NOT_FOUND', 'no job job-9'));
    await expect(store.getState().cancelJob('job-9')).resolves.toBe(false);
    expect(store.getState().actionErrors.cancelJob?.code).toBe('NOT_FOUND');
  });
});
