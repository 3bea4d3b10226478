import { afterEach, describe, expect, it, vi } from 'vitest';
import { openFirstScreen } from '../../../renderer/state/first-screen';
import { createDeskStore } from '../../../renderer/store';
import { container, deferred, fakeDesk, listing } from './fake-desk';

describe('openFirstScreen', () => {
  afterEach(() => vi.useRealTimers());

  it('asks for the container list alone, and for the overview, images and jobs once it answers', async () => {
    const desk = fakeDesk();
    const list = deferred<ReturnType<typeof listing>>();
    desk.calls.listContainers.mockReturnValue(list.promise);
    const store = createDeskStore(desk);

    const opened = openFirstScreen(store);
    await Promise.resolve();
    expect(desk.calls.listContainers).toHaveBeenCalledTimes(1);
    expect(desk.calls.getOverview).not.toHaveBeenCalled();
    expect(desk.calls.listImages).not.toHaveBeenCalled();
    expect(desk.calls.listJobs).not.toHaveBeenCalled();

    list.resolve(listing([container('web-1')]));
    await opened;
    expect(store.getState().containers?.containers.map((c) => c.id)).toEqual(['web-1']);
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(1);
    expect(desk.calls.listImages).toHaveBeenCalledTimes(1);
    expect(desk.calls.listJobs).toHaveBeenCalledTimes(1);
  });

  it('does not hold the rest back longer than the head start when runsc is slow to list', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    desk.calls.listContainers.mockReturnValue(deferred<ReturnType<typeof listing>>().promise);
    const store = createDeskStore(desk);

    void openFirstScreen(store, 500);
    await vi.advanceTimersByTimeAsync(499);
    expect(desk.calls.getOverview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(1);
    expect(desk.calls.listImages).toHaveBeenCalledTimes(1);
  });

  it('opens once per store: the app mounting after main.tsx began it asks nothing again', async () => {
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    const first = openFirstScreen(store);
    expect(openFirstScreen(store)).toBe(first);
    await first;
    expect(desk.calls.listContainers).toHaveBeenCalledTimes(1);
    expect(desk.calls.getOverview).toHaveBeenCalledTimes(1);
  });
});
