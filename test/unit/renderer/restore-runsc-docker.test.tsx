// @vitest-environment happy-dom
// The restore dialog's runsc (issue 12: images tied to their runsc) and a Docker checkpoint's restore (issue 11).
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageSummary } from '../../../shared/images';
import type { RunscBinaryInfo } from '../../../shared/model';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { App } from '../../../renderer/views/App';
import { DOCKER_ROOT, IMAGES_DIR, fakeDesk, imageSummary, overview, restorePlan, type FakeDesk } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
  cleanup();
  vi.useRealTimers();
});

const OLD = '/usr/bin/runsc';
const NEW = '/opt/runsc-2024/runsc';
const binary = (path: string, version: string, patch: Partial<RunscBinaryInfo> = {}): RunscBinaryInfo => ({
  path,
  sources: ['PATH'],
  alsoAt: [],
  version,
  isDefault: path === OLD,
  checkpointOptions: [],
  restoreOptions: { direct: false, background: false },
  error: null,
  ...patch,
});
const BINARIES = [
  binary(OLD, '0.0~20221219.0'),
  binary(NEW, '0.0~20240729.0'),
  binary('/usr/local/bin/runsc', '', { error: { code: 'RUNSC_MISSING', message: 'exec format error' } }),
];
const IMAGE_2024 = imageSummary(`${IMAGES_DIR}/web-1/20250101T120000Z`, { runscVersion: '0.0~20240729.0' });

async function openFor(image: ImageSummary, desk: FakeDesk) {
  desk.calls.getOverview.mockResolvedValue(overview({ runscBinaries: BINARIES }));
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  await act(async () => {
    view.store.getState().openRestore(image);
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
  });
  return view;
}

async function settle() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
  });
}

const MISMATCH = {
  code: 'RUNSC_MISMATCH' as const,
  field: 'runsc',
  message: `This image was made by runsc 0.0~20240729.0; ${OLD} is runsc 0.0~20221219.0, and runsc restores only images of its own version.`,
};

describe('Restore dialog: which runsc', () => {
  it('says which binary will restore, and offers the binaries that run', async () => {
    const desk = fakeDesk();
    desk.calls.planRestore.mockResolvedValue(
      restorePlan({
        resolved: { ...restorePlan().resolved, runsc: NEW },
        defaults: [...restorePlan().defaults, { field: 'runsc', from: `the runsc version that made the image (0.0~20240729.0): ${NEW}` }],
      }),
    );
    await openFor(IMAGE_2024, desk);
    expect(screen.getByTestId('restore-runsc').textContent).toContain(`Restores with ${NEW} (runsc 0.0~20240729.0).`);
    expect(screen.getByTestId('restore-runsc').textContent).toContain('made by runsc 0.0~20240729.0');
    expect(screen.getByText(/from the runsc version that made the image/)).toBeTruthy();
    const picker = screen.getByLabelText('runsc') as HTMLSelectElement;
    const options = within(picker).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    // The one that cannot run is not offered.
    expect(options).toEqual(['', OLD, NEW]);
    expect(within(picker).getByRole('option', { name: /0\.0~20240729\.0 — \/opt\/runsc-2024\/runsc \(the image's version\)/ })).toBeTruthy();
    expect(screen.queryByTestId('allow-mismatch')).toBeNull();
  });

  it('sends the runsc picked; on RUNSC_MISMATCH offers the override, which sends allowVersionMismatch and stays to be undone', async () => {
    const desk = fakeDesk();
    desk.calls.planRestore.mockResolvedValue(restorePlan({ resolved: { ...restorePlan().resolved, runsc: NEW } }));
    await openFor(IMAGE_2024, desk);
    desk.calls.planRestore.mockResolvedValue(restorePlan({ problems: [MISMATCH], resolved: { ...restorePlan().resolved, runsc: OLD } }));
    await act(async () => {
      fireEvent.change(screen.getByLabelText('runsc'), { target: { value: OLD } });
    });
    await settle();
    expect(desk.calls.planRestore).toHaveBeenLastCalledWith({ imagePath: IMAGE_2024.path, runsc: OLD });
    const problem = screen.getByTestId('plan-problem');
    expect(problem.getAttribute('data-code')).toBe('RUNSC_MISMATCH');
    expect(screen.getByLabelText('runsc').getAttribute('aria-invalid')).toBe('true');
    const submit = screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    desk.calls.planRestore.mockResolvedValue(
      restorePlan({ warnings: ['Restoring a runsc 0.0~20240729.0 image with runsc 0.0~20221219.0, as asked.'], resolved: { ...restorePlan().resolved, runsc: OLD } }),
    );
    await act(async () => {
      fireEvent.click(screen.getByLabelText('Restore with another runsc version anyway'));
    });
    await settle();
    expect(desk.calls.planRestore).toHaveBeenLastCalledWith({ imagePath: IMAGE_2024.path, runsc: OLD, allowVersionMismatch: true });
    // The refusal is gone; the toggle stays, so it can be undone.
    expect(screen.queryByTestId('plan-problem')).toBeNull();
    expect((screen.getByLabelText('Restore with another runsc version anyway') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('judges --direct by the binary that will restore, not the default', async () => {
    const desk = fakeDesk();
    const withDirect = BINARIES.map((b) => (b.path === NEW ? { ...b, restoreOptions: { direct: true, background: false } } : b));
    desk.calls.getOverview.mockResolvedValue(overview({ runscBinaries: withDirect }));
    desk.calls.planRestore.mockResolvedValue(restorePlan({ resolved: { ...restorePlan().resolved, runsc: NEW } }));
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      await view.store.getState().refreshOverview();
    });
    await act(async () => {
      view.store.getState().openRestore(IMAGE_2024);
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect((screen.getByLabelText('Direct I/O') as HTMLInputElement).disabled).toBe(false);
    expect((screen.getByLabelText('Background restore') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('unsupported-options').textContent).toContain('Not in runsc 0.0~20240729.0');
  });

  it('offers the override when the mismatch sits at the image (no runsc picked)', async () => {
    const desk = fakeDesk();
    desk.calls.planRestore.mockResolvedValue(restorePlan({ problems: [{ ...MISMATCH, field: 'imagePath' }] }));
    await openFor(IMAGE_2024, desk);
    expect(screen.getByTestId('allow-mismatch')).toBeTruthy();
  });
});

describe('Restore dialog for a Docker checkpoint', () => {
  const WEB_ID = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
  const CHECKPOINT = imageSummary(`/var/lib/docker/containers/${WEB_ID}/checkpoints/cp1`, {
    containerId: WEB_ID,
    docker: { containerId: WEB_ID, containerName: 'web', checkpoint: 'cp1', runtime: 'runsc' },
  });
  const dockerPlan = (problems = restorePlan().problems) =>
    restorePlan({
      argv: problems.length ? [] : ['docker', 'start', '--checkpoint', 'cp1', 'web'],
      problems,
      resolved: { imagePath: CHECKPOINT.path, root: DOCKER_ROOT, id: WEB_ID, bundle: '' },
      defaults: [{ field: 'id', from: 'the Docker container that made this checkpoint' }],
    });
  const RUNNING = { code: 'INVALID_INPUT' as const, field: 'id', message: 'web is running; Docker restores a checkpoint only into a stopped container. Stop it first (Stop in the Desk, or docker stop web), then restore.' };

  it('offers "Stop it first" while the container runs: stops it through the Desk, then plans again', async () => {
    const desk = fakeDesk();
    desk.calls.planRestore.mockResolvedValue(dockerPlan([RUNNING]));
    await openFor(CHECKPOINT, desk);
    expect(screen.queryByLabelText('runsc')).toBeNull();
    expect(screen.queryByLabelText('Bundle')).toBeNull();
    expect(screen.queryByLabelText('Extra flags')).toBeNull();
    const stopFirst = screen.getByTestId('docker-stop-first');
    desk.calls.planRestore.mockResolvedValue(dockerPlan());
    const plansBefore = desk.calls.planRestore.mock.calls.length;
    await act(async () => {
      fireEvent.click(within(stopFirst).getByRole('button', { name: 'Stop it first' }));
    });
    await settle();
    expect(desk.calls.stopContainer).toHaveBeenCalledWith({ root: DOCKER_ROOT, id: WEB_ID });
    expect(desk.calls.planRestore.mock.calls.length).toBeGreaterThan(plansBefore);
    expect(screen.queryByTestId('docker-stop-first')).toBeNull();
    expect(screen.getByTestId('command-preview').textContent).toContain('docker start --checkpoint cp1 web');
    expect((screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows no "Stop it first" for other id problems, and Docker’s refusal of the stop where it happened', async () => {
    const desk = fakeDesk();
    desk.calls.planRestore.mockResolvedValue(dockerPlan([{ code: 'INVALID_INPUT', field: 'id', message: 'Docker restores only into the container that made the checkpoint: web.' }]));
    await openFor(CHECKPOINT, desk);
    expect(screen.queryByTestId('docker-stop-first')).toBeNull();

    desk.calls.planRestore.mockResolvedValue(dockerPlan([RUNNING]));
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Container id'), { target: { value: 'web' } });
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    desk.calls.stopContainer.mockRejectedValue({ code: 'INTERNAL', message: 'Docker: cannot stop container web: permission denied' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Stop it first' }));
    });
    expect(screen.getByTestId('docker-stop-first').textContent).toContain('permission denied');
  });
});

