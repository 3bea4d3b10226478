// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { App } from '../../../renderer/views/App';
import { ImagesView } from '../../../renderer/views/ImagesView';
import { IMAGES_DIR, fakeDesk, imageDetails, imageList, imageSummary, job, overview } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const HOUR = 3600_000;
const complete = imageSummary(`${IMAGES_DIR}/web-1/20250101T120000Z`, { createdAt: Date.now() - 3 * HOUR, totalBytes: 6 << 20 });
const partial = imageSummary(`${IMAGES_DIR}/db-1/20250102T090000Z`, {
  containerId: 'db-1',
  createdAt: Date.now() - 1 * HOUR,
  totalBytes: 1 << 20,
  state: 'partial',
  reason: 'the job that wrote it was cancelled',
});
const unreadable = imageSummary('/srv/backup/old', {
  containerId: null,
  createdAt: Date.now() - 2 * HOUR,
  totalBytes: 12 << 20,
  state: 'unreadable',
  reason: 'bad magic: not a gVisor state file',
  record: null,
  runscVersion: null,
  compression: null,
});

const rows = () => screen.queryAllByTestId('image-row');
const order = () => rows().map((r) => r.getAttribute('data-path')!.split('/').slice(-2).join('/'));

async function loaded(desk = fakeDesk()) {
  const view = renderWithStore(<ImagesView />, desk);
  await act(async () => {
    await view.store.getState().refreshImages();
  });
  return view;
}

describe('ImagesView', () => {
  it('lists images newest first, with each state and its reason in view', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([partial, unreadable, complete]));
    await loaded(desk);
    expect(order()).toEqual(['db-1/20250102T090000Z', 'backup/old', 'web-1/20250101T120000Z']);

    const [p, u, c] = rows();
    expect(p!.getAttribute('data-state')).toBe('partial');
    expect(within(p!).getByText('partial').className).toContain('image-partial');
    expect(within(p!).getByText('the job that wrote it was cancelled')).toBeTruthy();
    expect(within(u!).getByText('unreadable').className).toContain('image-unreadable');
    expect(within(u!).getByText('bad magic: not a gVisor state file')).toBeTruthy();
    expect(within(c!).getByText('complete').className).toContain('image-complete');
    expect(within(c!).getByText('6.0 MiB')).toBeTruthy();
    expect(within(c!).getByText('3 h ago').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(within(c!).getByText('0.0~20221219.0')).toBeTruthy();
    expect(within(c!).getByTitle(complete.path).className).toContain('mono');
  });

  it('sorts by a header click, with aria-sort on the sorted column', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([partial, unreadable, complete]));
    await loaded(desk);
    const header = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) }).closest('th')!;
    expect(header('Created').getAttribute('aria-sort')).toBe('descending');
    expect(header('Size').getAttribute('aria-sort')).toBe('none');

    fireEvent.click(screen.getByRole('button', { name: /^Size/ }));
    expect(header('Size').getAttribute('aria-sort')).toBe('descending');
    expect(header('Created').getAttribute('aria-sort')).toBe('none');
    expect(order()).toEqual(['backup/old', 'web-1/20250101T120000Z', 'db-1/20250102T090000Z']);

    fireEvent.click(screen.getByRole('button', { name: /^Size/ }));
    expect(header('Size').getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['db-1/20250102T090000Z', 'web-1/20250101T120000Z', 'backup/old']);

    fireEvent.click(screen.getByRole('button', { name: /^Container/ }));
    expect(header('Container').getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['db-1/20250102T090000Z', 'web-1/20250101T120000Z', 'backup/old']);

    fireEvent.click(screen.getByRole('button', { name: /^State/ }));
    expect(order()).toEqual(['backup/old', 'db-1/20250102T090000Z', 'web-1/20250101T120000Z']);
  });

  it('searches container id and path, and filters by state', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([partial, unreadable, complete]));
    await loaded(desk);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'backup' } });
    expect(order()).toEqual(['backup/old']);
    expect(screen.getByText('1 of 3 images')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Partial or unreadable' }));
    expect(order()).toEqual(['db-1/20250102T090000Z', 'backup/old']);
    fireEvent.click(screen.getByRole('button', { name: 'Complete' }));
    expect(order()).toEqual(['web-1/20250101T120000Z']);
    expect(screen.getByRole('button', { name: 'Complete' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('explains where it looked when there is no image, and points to Containers', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(
      imageList([], [
        { path: IMAGES_DIR, removable: false, error: null },
        { path: '/mnt/gone', removable: true, error: 'ENOENT: the folder does not exist' },
      ]),
    );
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Images' }));
    });
    const empty = screen.getByTestId('images-empty');
    expect(empty.textContent).toContain('No images');
    expect(empty.textContent).toContain(IMAGES_DIR);
    expect(empty.textContent).toContain('/mnt/gone');
    expect(empty.textContent).toContain('data dir’s images folder');
    expect(rows()).toHaveLength(0);
    // The dirs header shows the folder's error, and only the added one can be removed.
    const dirs = screen.getAllByTestId('image-dir');
    expect(within(dirs[1]!).getByText('ENOENT: the folder does not exist')).toBeTruthy();
    expect(within(dirs[0]!).queryByRole('button')).toBeNull();
    expect(within(dirs[1]!).getByRole('button', { name: 'Remove image folder /mnt/gone' })).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(empty).getByRole('button', { name: 'Go to Containers' }));
    });
    expect(view.store.getState().view).toBe('containers');
  });

  it('adds a folder, and shows a refusal at the path input', async () => {
    const desk = fakeDesk();
    desk.calls.addImageDir.mockRejectedValueOnce(new DeskError('NOT_FOUND', '/nope does not exist', { field: 'path' }));
    desk.calls.addImageDir.mockResolvedValueOnce(imageList([unreadable]));
    await loaded(desk);
    const input = screen.getByLabelText('Another folder to scan');
    fireEvent.change(input, { target: { value: '/nope' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('/nope does not exist');
    fireEvent.change(input, { target: { value: '/srv/backup' } });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    });
    expect(desk.calls.addImageDir).toHaveBeenLastCalledWith({ path: '/srv/backup' });
    expect(order()).toEqual(['backup/old']);
  });

  it('refreshes when a checkpoint ends', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([]));
    await loaded(desk);
    expect(rows()).toHaveLength(0);
    desk.calls.listImages.mockResolvedValue(imageList([complete]));
    await act(async () => {
      desk.emit('job:update', job('job-1', { status: 'succeeded', endedAt: 5 }));
    });
    expect(rows()).toHaveLength(1);
  });

  it('opens a row’s details: record, containers instead of raw container_specs, files, jobs', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(overview());
    desk.calls.listImages.mockResolvedValue(imageList([complete, partial]));
    const producer = job('job-1', { status: 'succeeded', title: 'Checkpoint web-1', endedAt: 2 });
    desk.calls.inspectImage.mockResolvedValue(
      imageDetails(
        {
          ...complete,
          files: [
            { name: 'checkpoint.img', bytes: 6 << 20 },
            { name: 'notes.txt', bytes: 12 },
          ],
          record: { ...complete.record!, cuda: { outcome: 'no-cuda-processes' }, warnings: ['pages were written twice'] },
        },
        { jobs: [producer] },
      ),
    );
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Images' }));
    });
    await act(async () => {
      fireEvent.click(rows().find((r) => r.getAttribute('data-path') === complete.path)!);
    });
    const panel = screen.getByTestId('image-details');
    expect(desk.calls.inspectImage).toHaveBeenCalledWith({ path: complete.path });
    expect(within(panel).getByRole('heading', { name: 'web-1' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Copy path' })).toBeTruthy();
    expect((within(panel).getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(false);
    // Record: root, bundle, flags, argv with copy, warnings, GPU outcome.
    expect(panel.textContent).toContain('/var/lib/checkpoint-desk/bundles/web-1');
    expect(within(panel).getByText('--network=none')).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Copy command' })).toBeTruthy();
    expect(panel.textContent).toContain('pages were written twice');
    expect(within(panel).getByTestId('gpu-outcome').getAttribute('data-outcome')).toBe('no-cuda-processes');
    expect(panel.textContent).toContain('No CUDA processes');
    // Metadata without container_specs; the per-container summary instead.
    const metadata = panel.querySelector('.metadata-table')!;
    expect(metadata.textContent).toContain('runsc_version');
    expect(metadata.textContent).not.toContain('container_specs');
    expect(within(panel).getByTestId('image-container').textContent).toContain('/proc');
    // Files with sizes; a stranger is marked.
    expect(panel.querySelector('.files-table')!.textContent).toContain('notes.txtnot image content');
    // A job opens in Jobs.
    await act(async () => {
      fireEvent.click(within(panel).getByTestId('image-job'));
    });
    expect(view.store.getState().view).toBe('jobs');
    expect(view.store.getState().selectedJobId).toBe('job-1');
  });

  it('keeps Restore disabled, with the reason, for an image that is not complete', async () => {
    const desk = fakeDesk();
    desk.calls.listImages.mockResolvedValue(imageList([partial]));
    desk.calls.inspectImage.mockResolvedValue(imageDetails(partial));
    await loaded(desk);
    await act(async () => {
      fireEvent.click(rows()[0]!);
    });
    const panel = screen.getByTestId('image-details');
    const restore = within(panel).getByRole('button', { name: 'Restore' }) as HTMLButtonElement;
    expect(restore.disabled).toBe(true);
    expect(document.getElementById(restore.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Only a complete image can be restored; this one is partial.',
    );
    expect(panel.textContent).toContain('Partial: the job that wrote it was cancelled');
    // Esc closes the panel.
    await act(async () => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByTestId('image-details')).toBeNull();
  });
});
