import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageDetails, ImageSummary } from '../../../shared/images';
import { createDeskStore } from '../../../renderer/store';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { latestComplete, nextSort, visibleImages } from '../../../renderer/lib/filter-images';
import { deletePreview } from '../../../renderer/lib/delete-plan';
import {
  DESK_ROOT,
  IMAGES_DIR,
  deferred,
  deleteResult,
  fakeDesk,
  imageDetails,
  imageList,
  imageSummary,
  job,
  restorePlan,
} from './fake-desk';

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3600_000;
const now = 1_800_000_000_000;
const a = imageSummary(`${IMAGES_DIR}/web-1/a`, { createdAt: now - 3 * HOUR, totalBytes: 10, containerId: 'web-1' });
const b = imageSummary(`${IMAGES_DIR}/db-1/b`, {
  createdAt: now - 1 * HOUR,
  totalBytes: 30,
  containerId: 'db-1',
  state: 'partial',
  reason: 'the job that wrote it was cancelled',
});
const c = imageSummary('/srv/backup/c', {
  createdAt: now - 2 * HOUR,
  totalBytes: 20,
  containerId: null,
  state: 'unreadable',
  reason: 'bad magic',
  record: null,
});
const paths = (list: ImageSummary[]) => list.map((i) => i.path.split('/').pop());

describe('image sort, search and filter', () => {
  it('sorts by each column, both ways; ids unknown sort last', () => {
    const all = [a, b, c];
    expect(paths(visibleImages(all, { key: 'created', dir: 'desc' }, '', 'all'))).toEqual(['b', 'c', 'a']);
    expect(paths(visibleImages(all, { key: 'created', dir: 'asc' }, '', 'all'))).toEqual(['a', 'c', 'b']);
    expect(paths(visibleImages(all, { key: 'size', dir: 'desc' }, '', 'all'))).toEqual(['b', 'c', 'a']);
    expect(paths(visibleImages(all, { key: 'container', dir: 'asc' }, '', 'all'))).toEqual(['b', 'a', 'c']);
    expect(paths(visibleImages(all, { key: 'container', dir: 'desc' }, '', 'all'))).toEqual(['a', 'b', 'c']);
    // Ascending state puts what needs a look first.
    expect(paths(visibleImages(all, { key: 'state', dir: 'asc' }, '', 'all'))).toEqual(['c', 'b', 'a']);
    expect(all.map((i) => i.path)).toEqual([a.path, b.path, c.path]); // the input is left as it was
  });

  it('searches container id and path, and filters by state', () => {
    const all = [a, b, c];
    const sort = { key: 'created', dir: 'desc' } as const;
    expect(paths(visibleImages(all, sort, 'WEB', 'all'))).toEqual(['a']);
    expect(paths(visibleImages(all, sort, '/srv/backup', 'all'))).toEqual(['c']);
    expect(paths(visibleImages(all, sort, '', 'complete'))).toEqual(['a']);
    expect(paths(visibleImages(all, sort, '', 'problems'))).toEqual(['b', 'c']);
    expect(paths(visibleImages(all, sort, 'db', 'complete'))).toEqual([]);
  });

  it('a header click flips its column, another column starts in its natural order', () => {
    expect(nextSort({ key: 'created', dir: 'desc' }, 'created')).toEqual({ key: 'created', dir: 'asc' });
    expect(nextSort({ key: 'created', dir: 'asc' }, 'size')).toEqual({ key: 'size', dir: 'desc' });
    expect(nextSort({ key: 'size', dir: 'desc' }, 'container')).toEqual({ key: 'container', dir: 'asc' });
    const store = createDeskStore(fakeDesk());
    expect(store.getState().imageSort).toEqual({ key: 'created', dir: 'desc' });
    store.getState().sortImagesBy('created');
    expect(store.getState().imageSort).toEqual({ key: 'created', dir: 'asc' });
    store.getState().sortImagesBy('state');
    expect(store.getState().imageSort).toEqual({ key: 'state', dir: 'asc' });
  });

  it('picks the newest complete image of a container for "Restore latest"', () => {
    const older = imageSummary('/i/1', { createdAt: 1 });
    const newer = imageSummary('/i/2', { createdAt: 3 });
    const broken = imageSummary('/i/3', { createdAt: 5, state: 'partial', reason: 'x' });
    expect(latestComplete([older, broken, newer], 'web-1')?.path).toBe('/i/2');
    expect(latestComplete([broken], 'web-1')).toBeNull();
    expect(latestComplete([older], 'db-1')).toBeNull();
  });

  it('names the record and the content files for removal, and keeps the rest', () => {
    const image = imageSummary('/i/1', {
      files: [
        { name: 'checkpoint.img', bytes: 5 },
        { name: 'pages.img', bytes: 7 },
        { name: 'notes.txt', bytes: 1 },
      ],
    });
    const preview = deletePreview(image);
    expect(preview.removed.map((f) => f.name)).toEqual(['checkpoint.img', 'pages.img', 'checkpoint-desk.json']);
    expect(preview.kept).toEqual(['notes.txt']);
    expect(deletePreview({ ...image, record: null }).removed.map((f) => f.name)).not.toContain('checkpoint-desk.json');
  });
});

describe('images state', () => {
  it('refreshes the list once when a job ends, and re-reads the open image', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([a]));
    desk.calls.inspectImage.mockResolvedValue(imageDetails(a));
    const store = createDeskStore(desk);
    await store.getState().refreshImages();
    await store.getState().selectImage(a.path);
    desk.calls.listImages.mockClear();
    desk.calls.inspectImage.mockClear();

    desk.emit('job:update', job('job-9', { status: 'running' }));
    expect(desk.calls.listImages).not.toHaveBeenCalled();
    desk.emit('job:update', job('job-9', { status: 'succeeded', endedAt: 1 }));
    desk.emit('job:update', job('job-9', { status: 'succeeded', endedAt: 1 }));
    await vi.waitFor(() => expect(desk.calls.listImages).toHaveBeenCalledTimes(1));
    expect(desk.calls.inspectImage).toHaveBeenCalledWith({ path: a.path });

    desk.emit('job:update', job('job-10', { kind: 'restore', status: 'failed', endedAt: 2 }));
    await vi.waitFor(() => expect(desk.calls.listImages).toHaveBeenCalledTimes(2));
  });

  it('does not scan on a job’s end while nobody has looked at images', () => {
    const desk = fakeDesk();
    createDeskStore(desk);
    desk.emit('job:update', job('job-9', { status: 'succeeded', endedAt: 1 }));
    expect(desk.calls.listImages).not.toHaveBeenCalled();
  });

  it('drops the details of an image that answers after another was opened', async () => {
    const desk = fakeDesk();
    const slow = deferred<ImageDetails>();
    desk.calls.inspectImage.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(imageDetails(b));
    const store = createDeskStore(desk);
    const first = store.getState().selectImage(a.path);
    await store.getState().selectImage(b.path);
    slow.resolve(imageDetails(a));
    await first;
    expect(store.getState().selectedImage).toBe(b.path);
    expect(store.getState().imageDetails?.path).toBe(b.path);
  });

  it('adds and removes image dirs, taking the listing they answer with', async () => {
    const desk = fakeDesk();
    const withBackup = imageList([c], [
      { path: IMAGES_DIR, removable: false, error: null },
      { path: '/srv/backup', removable: true, error: null },
    ]);
    desk.calls.addImageDir.mockResolvedValue(withBackup);
    const store = createDeskStore(desk);
    expect(await store.getState().addImageDir('/srv/backup')).toBe(true);
    expect(desk.calls.addImageDir).toHaveBeenCalledWith({ path: '/srv/backup' });
    expect(store.getState().images).toBe(withBackup);
    expect(await store.getState().removeImageDir('/srv/backup')).toBe(true);
    expect(store.getState().images?.dirs).toHaveLength(1);
  });

  it('deletes an image, keeps the result for its panel, and scans again', async () => {
    const desk = fakeDesk();
    const result = deleteResult({ kept: ['notes.txt'], folderRemoved: false });
    desk.calls.deleteImage.mockResolvedValue(result);
    const store = createDeskStore(desk);
    await store.getState().selectImage(a.path);
    expect(await store.getState().deleteImage(a.path)).toBe(true);
    expect(desk.calls.deleteImage).toHaveBeenCalledWith({ path: a.path });
    expect(store.getState().imageDelete).toEqual({ path: a.path, pending: false, result, error: null });
    expect(desk.calls.listImages).toHaveBeenCalled();
    // Opening another image forgets it.
    await store.getState().selectImage(b.path);
    expect(store.getState().imageDelete).toBeNull();
  });
});

describe('restore dialog state', () => {
  it('plans at once with only the image path, then after a pause in typing', async () => {
    vi.useFakeTimers();
    const desk = fakeDesk();
    const store = createDeskStore(desk);
    store.getState().openRestore(a);
    expect(desk.calls.planRestore).toHaveBeenCalledWith({ imagePath: a.path });
    await vi.runAllTimersAsync();
    expect(store.getState().restore?.plan?.resolved.id).toBe('restored-web-1');

    desk.calls.planRestore.mockClear();
    for (const id of ['w', 'we', 'web-2']) store.getState().setRestoreForm({ id });
    store.getState().setRestoreForm({ root: DESK_ROOT, direct: true, extraFlags: '--debug --debug-log /tmp/x' });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS - 10);
    expect(desk.calls.planRestore).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(desk.calls.planRestore).toHaveBeenCalledTimes(1);
    expect(desk.calls.planRestore).toHaveBeenCalledWith({
      imagePath: a.path,
      root: DESK_ROOT,
      id: 'web-2',
      direct: true,
      extraFlags: ['--debug', '--debug-log=/tmp/x'],
    });
  });

  it('drops a plan that answers after a newer one', async () => {
    const desk = fakeDesk();
    const slow = deferred<ReturnType<typeof restorePlan>>();
    const fast = restorePlan({ argv: ['runsc', 'restore', 'new'] });
    desk.calls.planRestore.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(fast);
    const store = createDeskStore(desk);
    store.getState().openRestore(a);
    await store.getState().planRestoreNow();
    slow.resolve(restorePlan({ argv: ['runsc', 'restore', 'old'] }));
    await slow.promise;
    expect(store.getState().restore?.plan).toBe(fast);
  });

  it('submits, follows the job, and "Show container" opens the restored one in Containers', async () => {
    const desk = fakeDesk();
    desk.calls.getJob.mockResolvedValue(job('job-2', { kind: 'restore', title: 'Restore restored-web-1' }));
    const store = createDeskStore(desk);
    store.getState().openRestore(a);
    await store.getState().planRestoreNow();
    expect(await store.getState().submitRestore()).toBe(true);
    expect(desk.calls.restore).toHaveBeenCalledWith({ imagePath: a.path });
    expect(store.getState().restore?.jobId).toBe('job-2');
    expect(store.getState().restore?.restored).toEqual({ root: DESK_ROOT, id: 'restored-web-1' });

    // The dialog says it succeeded in place: no notice on top.
    desk.emit('job:update', job('job-2', { kind: 'restore', status: 'succeeded', endedAt: 2 }));
    expect(store.getState().notices).toEqual([]);

    store.getState().showRestoredContainer();
    expect(store.getState().restore).toBeNull();
    expect(store.getState().view).toBe('containers');
    expect(store.getState().selected).toEqual({ root: DESK_ROOT, id: 'restored-web-1' });
    await vi.waitFor(() => expect(desk.calls.getContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'restored-web-1' }));
  });

  it('opening the job in Jobs closes the restore dialog', async () => {
    const store = createDeskStore(fakeDesk());
    store.getState().openRestore(a);
    store.getState().openJob('job-2');
    expect(store.getState().restore).toBeNull();
    expect(store.getState().view).toBe('jobs');
  });
});
