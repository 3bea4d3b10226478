import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { ContainerDetails } from '../../../shared/model';
import { createDeskStore } from '../../../renderer/store';
import { DESK_ROOT, container, deferred, details, fakeDesk, listing } from './fake-desk';

describe('createDeskStore', () => {
  it('refreshes the overview and the containers from the DeskApi it was given', async () => {
    const desk = fakeDesk();
    const list = listing([container('web-1')]);
    desk.calls.listContainers.mockResolvedValue(list);
    const store = createDeskStore(desk);

    const pending = store.getState().refreshContainers();
    expect(store.getState().containersLoading).toBe(true);
    await Promise.all([pending, store.getState().refreshOverview()]);

    const s = store.getState();
    expect(s.containers).toEqual(list);
    expect(s.containersLoading).toBe(false);
    expect(s.overview?.runsc.version).toBe('0.0~20221219.0');
    expect(desk.calls.getOverview).toHaveBeenCalledWith({});
    expect(desk.calls.listContainers).toHaveBeenCalledWith({});
  });

  it('registers each event listener once, and takes the containers:changed payload', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    await store.getState().refreshContainers();
    await store.getState().refreshContainers();
    await store.getState().refreshOverview();

    expect(desk.on.mock.calls.map((c) => c[0]).sort()).toEqual(['containers:changed', 'job:log', 'job:update']);

    const pushed = listing([container('web-2', { status: 'paused' })], 5000);
    desk.emit('containers:changed', pushed);
    expect(store.getState().containers).toEqual(pushed);

    store.dispose();
    expect(desk.listenerCount()).toBe(0);
  });

  it('ignores a listing older than the one it has', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    const newer = listing([container('new')], 2000);
    desk.emit('containers:changed', newer);
    desk.emit('containers:changed', listing([container('old')], 1000));
    expect(store.getState().containers).toBe(newer);
  });

  it('refreshes the overview when the set of roots changes', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    desk.emit('containers:changed', listing([], 1, [DESK_ROOT]));
    expect(desk.calls.getOverview).not.toHaveBeenCalled();
    desk.emit('containers:changed', listing([], 2, [DESK_ROOT, '/run/user/1000/runsc']));
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(1);
    expect(store.getState().containers?.roots).toHaveLength(2);
  });

  it('keeps an error with its code and details, and the data it had', async () => {
    const desk = fakeDesk();
    const list = listing([container('web-1')]);
    desk.calls.listContainers.mockResolvedValueOnce(list);
    const store = createDeskStore(desk);
    await store.getState().refreshContainers();

    desk.calls.listContainers.mockRejectedValueOnce(
      new DeskError('RUNSC_FAILED', 'runsc list failed', { stderr: 'permission denied', exitCode: 128 }),
    );
    await store.getState().refreshContainers();

    const s = store.getState();
    expect(s.containersError).toEqual({
      code: 'RUNSC_FAILED',
      message: 'runsc list failed',
      details: { stderr: 'permission denied', exitCode: 128 },
    });
    expect(s.containers).toBe(list);
    expect(s.containersLoading).toBe(false);

    // The next good listing clears the error.
    desk.emit('containers:changed', listing([], 9999));
    expect(store.getState().containersError).toBeNull();
  });

  it('accepts a plain error shape, as it comes over IPC', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockRejectedValue({ code: 'RUNSC_MISSING', message: 'runsc was not found' });
    const store = createDeskStore(desk);
    await store.getState().refreshOverview();
    expect(store.getState().overviewError).toMatchObject({ code: 'RUNSC_MISSING', message: 'runsc was not found' });
  });

  it('startDemo is busy while it runs, then refreshes the list', async () => {
    const desk = fakeDesk();
    const gate = deferred<{ root: string; id: string }>();
    desk.calls.startDemo.mockReturnValue(gate.promise);
    desk.calls.listContainers.mockResolvedValue(listing([container('desk-sample')]));
    const store = createDeskStore(desk);

    const started = store.getState().startDemo();
    expect(store.getState().pending.startDemo).toBe(true);
    gate.resolve({ root: DESK_ROOT, id: 'desk-sample' });
    await expect(started).resolves.toBe(true);

    const s = store.getState();
    expect(s.pending.startDemo).toBe(false);
    expect(s.actionErrors.startDemo).toBeNull();
    expect(s.containers?.containers.map((c) => c.id)).toEqual(['desk-sample']);
    expect(desk.calls.getOverview).toHaveBeenCalled();
  });

  it('startDemo keeps its failure for the button that started it', async () => {
    const desk = fakeDesk();
    desk.calls.startDemo.mockRejectedValue(new DeskError('RUNSC_MISSING', 'runsc was not found'));
    const store = createDeskStore(desk);
    await expect(store.getState().startDemo()).resolves.toBe(false);
    expect(store.getState().actionErrors.startDemo?.code).toBe('RUNSC_MISSING');
    expect(store.getState().pending.startDemo).toBe(false);
  });

  it('addRoot sends the flags, takes the roots and refreshes the overview', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    await store.getState().refreshOverview();
    desk.calls.getOverview.mockClear();

    await expect(store.getState().addRoot('/tmp/root', ['--platform=systrap'])).resolves.toBe(true);
    expect(desk.calls.addRoot).toHaveBeenCalledWith({ path: '/tmp/root', globalFlags: ['--platform=systrap'] });
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(1);
    expect(desk.calls.listContainers).toHaveBeenCalled();
  });

  it('addRoot keeps the field the API blamed', async () => {
    const desk = fakeDesk();
    desk.calls.addRoot.mockRejectedValue(
      new DeskError('INVALID_INPUT', 'addRoot: path must be an absolute path', { field: 'path' }),
    );
    const store = createDeskStore(desk);
    await expect(store.getState().addRoot('tmp', [])).resolves.toBe(false);
    expect(store.getState().actionErrors.addRoot).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'path' } });
  });

  it('removeRoot and updateSettings call the API and refresh', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    await store.getState().removeRoot('/tmp/root');
    expect(desk.calls.removeRoot).toHaveBeenCalledWith({ path: '/tmp/root' });

    const saved = { runscPath: '/opt/runsc', privilege: 'sudo' as const, userRoots: [], profiles: {}, imageDirs: [], cudaCheckpointPath: null };
    desk.calls.updateSettings.mockResolvedValue(saved);
    await store.getState().updateSettings({ runscPath: '/opt/runsc', privilege: 'sudo' });
    expect(desk.calls.updateSettings).toHaveBeenCalledWith({ runscPath: '/opt/runsc', privilege: 'sudo' });
    expect(store.getState().settings).toEqual(saved);
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(2);
  });

  it('selectContainer reads details, and a late answer for another container is dropped', async () => {
    const desk = fakeDesk();
    const slow = deferred<ContainerDetails>();
    const a = container('a');
    const b = container('b');
    desk.calls.getContainer.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(details(b));
    const store = createDeskStore(desk);

    const first = store.getState().selectContainer({ root: DESK_ROOT, id: 'a' });
    await store.getState().selectContainer({ root: DESK_ROOT, id: 'b' });
    slow.resolve(details(a));
    await first;

    const s = store.getState();
    expect(s.selected).toEqual({ root: DESK_ROOT, id: 'b' });
    expect(s.details?.container.id).toBe('b');
    await store.getState().selectContainer(null);
    expect(store.getState().details).toBeNull();
  });

  it('stopContainer closes the panel of the container it stopped', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    await store.getState().selectContainer({ root: DESK_ROOT, id: 'x' });
    await expect(store.getState().stopContainer({ root: DESK_ROOT, id: 'x' })).resolves.toBe(true);
    expect(desk.calls.stopContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'x' });
    expect(store.getState().selected).toBeNull();
    expect(desk.calls.listContainers).toHaveBeenCalled();
  });

  it('setFilter and setView change only what they name', () => {
    const store = createDeskStore(fakeDesk());
    store.getState().setFilter({ search: 'web' });
    store.getState().setFilter({ show: 'running' });
    expect(store.getState().filter).toEqual({ search: 'web', show: 'running' });
    store.getState().setView('settings');
    expect(store.getState().view).toBe('settings');
  });
});
