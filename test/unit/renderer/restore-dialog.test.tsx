// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { Capabilities } from '../../../shared/model';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { App } from '../../../renderer/views/App';
import {
  DESK_ROOT,
  DOCKER_ROOT,
  IMAGES_DIR,
  container,
  fakeDesk,
  imageDetails,
  imageList,
  imageSummary,
  job,
  listing,
  overview,
  restorePlan,
  type FakeDesk,
} from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());

// The plan waits for a pause in typing; the clock is the test's, so no test sleeps for it.
// It still moves with real time, for what waits on it (findBy, waitFor).
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
  cleanup();
  vi.useRealTimers();
});

const image = imageSummary(`${IMAGES_DIR}/web-1/20250101T120000Z`);

const caps = (restoreFlags: string[]): Capabilities => ({
  version: '0.0~20221219.0',
  global: [],
  subcommands: { restore: restoreFlags.map((name) => ({ name, type: 'bool', help: `${name} help` })) },
});

/** The Images view with one image open, and the restore dialog opened from its details. */
async function openDialog(desk: FakeDesk = fakeDesk(), flags = ['image-path', 'bundle', 'detach']) {
  desk.calls.getOverview.mockResolvedValue(
    overview({ runsc: { ...overview().runsc, capabilities: caps(flags) } }),
  );
  desk.calls.listImages.mockResolvedValue(imageList([image]));
  desk.calls.inspectImage.mockResolvedValue(imageDetails(image));
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Images' }));
  });
  await act(async () => {
    fireEvent.click(screen.getByTestId('image-row'));
  });
  await act(async () => {
    fireEvent.click(within(screen.getByTestId('image-details')).getByRole('button', { name: 'Restore' }));
  });
  return { ...view, desk, dialog: screen.getByRole('dialog', { name: /^Restore/ }) };
}

async function type(label: string, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
  });
}

describe('Restore dialog', () => {
  it('opens prefilled from the plan, and says which fields come from the image record', async () => {
    const { dialog, desk } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(desk.calls.planRestore).toHaveBeenCalledWith({ imagePath: image.path });
    expect(within(dialog).getByTestId('restore-image-path').textContent).toBe(image.path);

    const root = within(dialog).getByLabelText('Root') as HTMLSelectElement;
    expect(root.value).toBe(DESK_ROOT);
    expect([...root.options].map((o) => o.value)).toEqual([DOCKER_ROOT, DESK_ROOT]);
    const id = within(dialog).getByLabelText('Container id') as HTMLInputElement;
    expect(document.activeElement).toBe(id);
    // Defaults are real values, not grey placeholders; the request still leaves them to the record.
    expect(id.value).toBe('restored-web-1');
    expect(id.placeholder).toBe('');
    expect((within(dialog).getByLabelText('Bundle') as HTMLInputElement).value).toBe(
      '/var/lib/checkpoint-desk/bundles/web-1',
    );

    const hints = within(dialog).getAllByTestId('default-hint');
    expect(hints.map((h) => [h.getAttribute('data-field'), h.textContent])).toEqual([
      ['root', 'from the image record'],
      ['id', `from the image's container id, which is taken in this root`],
      ['bundle', 'from the image record'],
    ]);
    // The hint is part of the field's description.
    expect(root.getAttribute('aria-describedby')).toContain('rs-root-from');
    expect(within(dialog).getByTestId('command-preview').textContent).toBe(
      `runsc --root ${DESK_ROOT} --network=none restore --image-path=${image.path} --bundle=/var/lib/checkpoint-desk/bundles/web-1 --detach restored-web-1`,
    );
    expect(within(dialog).getByRole('button', { name: 'Copy command' })).toBeTruthy();
  });

  it('drops a hint once the field is typed in, and plans with what was typed', async () => {
    const desk = fakeDesk();
    const { dialog } = await openDialog(desk);
    desk.calls.planRestore.mockResolvedValue(restorePlan({ defaults: [{ field: 'root', from: 'the image record' }] }));
    await type('Bundle', '/srv/bundles/other');
    expect(desk.calls.planRestore).toHaveBeenLastCalledWith({ imagePath: image.path, bundle: '/srv/bundles/other' });
    expect(within(dialog).getAllByTestId('default-hint').map((h) => h.getAttribute('data-field'))).toEqual(['root']);

    fireEvent.change(within(dialog).getByLabelText('Root'), { target: { value: DOCKER_ROOT } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect(desk.calls.planRestore).toHaveBeenLastCalledWith({ imagePath: image.path, root: DOCKER_ROOT, bundle: '/srv/bundles/other' });
  });

  it('shows options this runsc lacks, disabled, with the reason; supported ones enabled', async () => {
    const { dialog } = await openDialog();
    const direct = within(dialog).getByLabelText('Direct I/O') as HTMLInputElement;
    const background = within(dialog).getByLabelText('Background restore') as HTMLInputElement;
    expect(direct.disabled).toBe(true);
    expect(background.disabled).toBe(true);
    expect(document.getElementById('rs-direct-help')?.textContent).toContain('Not in runsc 0.0~20221219.0');
    expect(document.getElementById('rs-background-help')?.textContent).toContain('Not in runsc 0.0~20221219.0');
    cleanup();

    const current = await openDialog(fakeDesk(), ['image-path', 'bundle', 'detach', 'direct', 'background']);
    expect((within(current.dialog).getByLabelText('Direct I/O') as HTMLInputElement).disabled).toBe(false);
    expect(document.getElementById('rs-background-help')?.textContent).toContain('--background');
  });

  it('puts each problem at its field and keeps Restore disabled while there are any', async () => {
    const desk = fakeDesk();
    const { dialog } = await openDialog(desk);
    desk.calls.planRestore.mockResolvedValue(
      restorePlan({
        argv: [],
        problems: [
          { code: 'INVALID_INPUT', field: 'id', message: 'A container "web-1" already exists in the root.' },
          { code: 'NOT_FOUND', field: 'bundle', message: '/srv/nope has no config.json.' },
          { code: 'INVALID_INPUT', field: 'extraFlags.0', message: '--work-dir is not a restore flag.' },
        ],
        warnings: ['This image was made by runsc 2026; this runsc is 2022.'],
      }),
    );
    await type('Container id', 'web-1');
    const problems = within(dialog).getAllByTestId('plan-problem');
    expect(problems.map((p) => p.getAttribute('data-field'))).toEqual(['id', 'bundle', 'extraFlags.0']);
    const id = within(dialog).getByLabelText('Container id');
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(id.getAttribute('aria-describedby')).toContain('rs-id-problems');
    expect(document.getElementById('rs-id-problems')?.textContent).toContain('already exists');
    expect(document.getElementById('rs-bundle-problems')?.textContent).toContain('no config.json');
    // The extra flags open by themselves to show their problem.
    expect((within(dialog).getByLabelText('Extra flags') as HTMLInputElement).closest('[hidden]')).toBeNull();
    expect(within(dialog).getByTestId('plan-warnings').textContent).toContain('made by runsc 2026');
    expect(within(dialog).getByTestId('command-preview').textContent).toBe('No command until the problems above are fixed.');
    expect((within(dialog).getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps a refused submit next to its field', async () => {
    const desk = fakeDesk();
    desk.calls.restore.mockRejectedValue(
      new DeskError('INVALID_INPUT', 'A container "restored-web-1" already exists', { field: 'id' }),
    );
    const { dialog } = await openDialog(desk);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    });
    const problem = within(dialog).getByTestId('plan-problem');
    expect(problem.getAttribute('data-field')).toBe('id');
    expect(problem.textContent).toContain('already exists');
  });

  it('submits, shows the live job, and on success shows the restored container', async () => {
    const desk = fakeDesk();
    desk.calls.restore.mockResolvedValue({ jobId: 'job-2' });
    desk.calls.getJob.mockResolvedValue(job('job-2', { kind: 'restore', title: 'Restore restored-web-1' }));
    desk.calls.listContainers.mockResolvedValue(listing([container('restored-web-1')]));
    const { dialog, store } = await openDialog(desk);
    await act(async () => {
      fireEvent.submit(within(dialog).getByLabelText('Container id').closest('form')!);
    });
    expect(desk.calls.restore).toHaveBeenCalledWith({ imagePath: image.path });
    const status = within(dialog).getByTestId('job-status');
    expect(status.getAttribute('data-status')).toBe('running');
    expect(within(dialog).queryByRole('button', { name: 'Show container' })).toBeNull();

    await act(async () => {
      desk.emit('job:update', job('job-2', { kind: 'restore', title: 'Restore restored-web-1', status: 'succeeded', endedAt: 9 }));
    });
    expect(status.getAttribute('data-status')).toBe('succeeded');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Show container' }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().view).toBe('containers');
    const details = await screen.findByTestId('container-details');
    expect(within(details).getByRole('heading', { name: 'restored-web-1' })).toBeTruthy();
    expect(desk.calls.getContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'restored-web-1' });
  });

  it('opens from a container’s details with "Restore latest", on its newest complete image', async () => {
    const desk = fakeDesk();
    const older = imageSummary(`${IMAGES_DIR}/web-1/old`, { createdAt: Date.now() - 5 * 3600_000 });
    const newer = imageSummary(`${IMAGES_DIR}/web-1/new`, { createdAt: Date.now() - 3600_000 });
    const broken = imageSummary(`${IMAGES_DIR}/web-1/broken`, { state: 'partial', reason: 'cancelled', createdAt: Date.now() });
    const other = imageSummary(`${IMAGES_DIR}/db-1/x`, { containerId: 'db-1' });
    desk.calls.listImages.mockResolvedValue(imageList([broken, newer, other, older]));
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1')]));
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('container-row'));
    });
    const section = await screen.findByTestId('container-images');
    await vi.waitFor(() => expect(within(section).getAllByTestId('container-image')).toHaveLength(3));
    expect(section.textContent).not.toContain('db-1');
    await act(async () => {
      fireEvent.click(within(section).getByRole('button', { name: 'Restore latest' }));
    });
    expect(screen.getByRole('dialog', { name: /^Restore/ })).toBeTruthy();
    expect(desk.calls.planRestore).toHaveBeenCalledWith({ imagePath: newer.path });
  });
});

