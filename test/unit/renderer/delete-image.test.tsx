// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { ImagesView } from '../../../renderer/views/ImagesView';
import { IMAGES_DIR, deferred, deleteResult, fakeDesk, imageDetails, imageList, imageSummary, type FakeDesk } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const image = imageSummary(`${IMAGES_DIR}/web-1/20250101T120000Z`, {
  files: [
    { name: 'checkpoint.img', bytes: 6 << 20 },
    { name: 'notes.txt', bytes: 120 },
    { name: 'pages.img', bytes: 2 << 20 },
    { name: 'pages_meta.img', bytes: 4096 },
  ],
});

async function openDetails(desk: FakeDesk) {
  desk.calls.listImages.mockResolvedValue(imageList([image]));
  desk.calls.inspectImage.mockResolvedValue(imageDetails(image));
  const view = renderWithStore(<ImagesView />, desk);
  await act(async () => {
    await view.store.getState().refreshImages();
  });
  await act(async () => {
    fireEvent.click(screen.getByTestId('image-row'));
  });
  const panel = screen.getByTestId('image-details');
  await act(async () => {
    fireEvent.click(within(panel).getByRole('button', { name: 'Delete image' }));
  });
  return { ...view, panel };
}

describe('Delete image', () => {
  it('names every file it removes and the ones it leaves, with Cancel focused', async () => {
    const desk = fakeDesk();
    const { panel } = await openDetails(desk);
    const files = within(panel).getByTestId('delete-files');
    expect([...files.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'checkpoint.img · 6.0 MiB',
      'pages.img · 2.0 MiB',
      'pages_meta.img · 4.0 KiB',
      'checkpoint-desk.json',
    ]);
    expect(panel.textContent).toContain('Left alone, not image content: notes.txt. The folder stays.');
    // The confirm step replaces the button: only one thing says "Delete".
    expect(within(panel).queryByRole('button', { name: 'Delete image' })).toBeNull();
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(desk.calls.deleteImage).not.toHaveBeenCalled();

    // Esc backs out of the confirm step, not the panel.
    await act(async () => {
      fireEvent.keyDown(within(panel).getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    });
    expect(within(panel).getByRole('button', { name: 'Delete image' })).toBeTruthy();
    expect(screen.getByTestId('image-details')).toBeTruthy();
  });

  it('deletes, then shows what it removed and what it kept', async () => {
    const desk = fakeDesk();
    const gate = deferred<ReturnType<typeof deleteResult>>();
    desk.calls.deleteImage.mockReturnValue(gate.promise);
    const { panel } = await openDetails(desk);
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    });
    expect(desk.calls.deleteImage).toHaveBeenCalledWith({ path: image.path });
    expect((within(panel).getByRole('button', { name: 'Delete' }) as HTMLButtonElement).disabled).toBe(true);

    desk.calls.listImages.mockResolvedValue(imageList([]));
    await act(async () => {
      gate.resolve(
        deleteResult({
          removed: ['checkpoint.img', 'pages.img', 'pages_meta.img', 'checkpoint-desk.json'],
          kept: ['notes.txt'],
          folderRemoved: false,
        }),
      );
    });
    const result = within(panel).getByTestId('delete-result');
    expect(result.textContent).toContain('Removed: checkpoint.img, pages.img, pages_meta.img, checkpoint-desk.json');
    expect(within(result).getByTestId('delete-kept').textContent).toBe('notes.txt');
    expect(result.textContent).toContain('the folder stays');
    // The image is gone from the list; its restore and delete buttons from the panel.
    expect(screen.queryAllByTestId('image-row')).toHaveLength(0);
    expect(within(panel).queryByRole('button', { name: 'Restore' })).toBeNull();
  });

  it('says when the folder went too, and shows a refusal in place', async () => {
    const desk = fakeDesk();
    desk.calls.deleteImage.mockRejectedValueOnce(
      new DeskError('INVALID_INPUT', 'Restore web-1 is using this image; wait for it or cancel it first.', { field: 'path' }),
    );
    const { panel } = await openDetails(desk);
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    });
    expect(within(panel).getByRole('alert').textContent).toContain('is using this image');

    desk.calls.deleteImage.mockResolvedValueOnce(deleteResult());
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Delete' }));
    });
    const result = within(panel).getByTestId('delete-result');
    expect(within(result).queryByTestId('delete-kept')).toBeNull();
    expect(result.textContent).toContain('is gone too');
  });
});
