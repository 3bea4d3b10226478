// @vitest-environment happy-dom
// The checkpoint dialog's Fastest / Smallest choice (issue 12) and its Docker words (issue 11).
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckpointSpeed } from '../../../shared/jobs';
import type { Container } from '../../../shared/model';
import { App } from '../../../renderer/views/App';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { DESK_ROOT, DOCKER_ROOT, container, fakeDesk, listing, overview, plan, root } from './fake-desk';
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

const OPTIONS_2024 = [
  { option: 'imagePath', flag: 'image-path', supported: true, help: null },
  { option: 'leaveRunning', flag: 'leave-running', supported: true, help: null },
  { option: 'compression', flag: 'compression', supported: true, help: null },
  { option: 'direct', flag: 'direct', supported: true, help: null },
  { option: 'excludeCommittedZeroPages', flag: 'exclude-committed-zero-pages', supported: true, help: null },
];

const MiB = 1024 * 1024;
const SPEED: CheckpointSpeed = {
  chosen: 'none',
  defaulted: true,
  reason: 'Fastest (uncompressed): 40 GiB free covers the estimated 0.5 GiB image with a margin.',
  choices: [
    { compression: 'none', label: 'Fastest (uncompressed)', estimatedBytes: 516 * MiB, estimatedMs: 360, basis: 'measured: 3 past uncompressed checkpoint(s) into /srv, 1400 MB/s' },
    { compression: 'flate-best-speed', label: 'Smallest (compressed)', estimatedBytes: 516 * MiB, estimatedMs: 1209, basis: 'a first estimate (430 MB/s)' },
  ],
};

const WEB: Container = container('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', {
  root: DOCKER_ROOT,
  manager: 'docker',
  docker: { name: 'web', image: 'busybox:local', state: 'running', composeProject: null, labels: {}, runtime: 'runsc', runscPath: '/usr/bin/runsc' },
});

async function openFor(target: Container, desk = fakeDesk()) {
  desk.calls.getOverview.mockResolvedValue(overview({ checkpointOptions: OPTIONS_2024 }));
  desk.calls.listContainers.mockResolvedValue(listing([target]));
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
  });
  await act(async () => {
    view.store.getState().openCheckpoint({ root: target.root, id: target.id });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
  });
  return { ...view, desk };
}

describe('Checkpoint dialog: fastest or smallest', () => {
  it('offers both with their estimates and the plan’s reason, and sends the one picked', async () => {
    const desk = fakeDesk();
    desk.calls.planCheckpoint.mockResolvedValue(plan({ speed: SPEED }));
    await openFor(container('web-1'), desk);
    const choice = screen.getByTestId('speed-choice');
    const [fastest, smallest] = within(choice).getAllByTestId('speed-option');
    expect(fastest!.textContent).toContain('Fastest (uncompressed)');
    expect(fastest!.textContent).toContain('about 516 MiB');
    expect(fastest!.textContent).toContain('about 360 ms');
    expect(fastest!.textContent).toContain('measured: 3 past uncompressed');
    expect(smallest!.textContent).toContain('about 1 s');
    expect((within(fastest!).getByRole('radio') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('speed-reason').textContent).toContain('40 GiB free covers');
    // The plain compression select gives way to the choice.
    expect(screen.queryByLabelText('Compression')).toBeNull();

    await act(async () => {
      fireEvent.click(within(smallest!).getByRole('radio'));
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({ root: DESK_ROOT, id: 'web-1', compression: 'flate-best-speed' });
    expect((within(smallest!).getByRole('radio') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps the compression select where the plan has no speed (a runsc without --compression choices)', async () => {
    await openFor(container('web-1'));
    expect(screen.queryByTestId('speed-choice')).toBeNull();
    expect(screen.getByLabelText('Compression')).toBeTruthy();
  });
});

describe('Checkpoint dialog on a root bound to its own runsc', () => {
  it('offers the options of the root’s binary, not the default’s', async () => {
    const desk = fakeDesk();
    const OLD_OPTIONS = OPTIONS_2024.map((o) => ({ ...o, supported: o.option === 'imagePath' || o.option === 'leaveRunning' }));
    const BOUND = '/var/run/runsc-2024';
    desk.calls.getOverview.mockResolvedValue(
      overview({
        checkpointOptions: OLD_OPTIONS,
        roots: [root(DESK_ROOT), root(BOUND, { source: 'user', runsc: '/opt/runsc-2024/runsc' })],
        runscBinaries: [
          { path: '/usr/bin/runsc', sources: ['PATH'], alsoAt: [], version: '0.0~20221219.0', isDefault: true, checkpointOptions: OLD_OPTIONS, restoreOptions: { direct: false, background: false }, error: null },
          { path: '/opt/runsc-2024/runsc', sources: ['added'], alsoAt: [], version: '0.0~20240729.0', isDefault: false, checkpointOptions: OPTIONS_2024, restoreOptions: { direct: true, background: false }, error: null },
        ],
      }),
    );
    const target = container('web-1', { root: BOUND });
    desk.calls.listContainers.mockResolvedValue(listing([target], 1000, [DESK_ROOT, BOUND]));
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
    });
    await act(async () => {
      view.store.getState().openCheckpoint({ root: BOUND, id: 'web-1' });
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect((screen.getByLabelText('Direct I/O') as HTMLInputElement).disabled).toBe(false);

    // The default root keeps the default runsc's: Direct I/O folded away, not in 0.0~20221219.0.
    await act(async () => {
      view.store.getState().closeCheckpoint();
      view.store.getState().openCheckpoint({ root: DESK_ROOT, id: 'web-1' });
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect((screen.getByLabelText('Direct I/O') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('unsupported-options').textContent).toContain('Not in runsc 0.0~20221219.0');
  });
});

describe('Checkpoint dialog for a Docker container', () => {
  it('asks for a checkpoint name, hides runsc-only options, and shows Docker’s plan', async () => {
    const desk = fakeDesk();
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({
        argv: ['docker', 'checkpoint', 'create', 'web', 'desk-1'],
        warnings: ['Docker stops web once the checkpoint is written. Restore it from Images, or with docker start --checkpoint desk-1 web.'],
        followUps: [{ title: 'Start web from desk-1', argv: ['docker', 'start', '--checkpoint', 'desk-1', 'web'] }],
        speed: SPEED,
      }),
    );
    await openFor(WEB, desk);
    expect(screen.getByLabelText('Checkpoint name')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Checkpoint name'));
    for (const runscOnly of ['Image path', 'Compression', 'Direct I/O', 'Exclude committed zero pages', 'Extra flags']) {
      expect(screen.queryByLabelText(runscOnly)).toBeNull();
    }
    expect(screen.queryByTestId('speed-choice')).toBeNull();
    expect(screen.getByLabelText('Leave running')).toBeTruthy();
    expect(screen.getByTestId('plan-warnings').textContent).toContain('Docker stops web');
    const preview = screen.getByTestId('command-preview').textContent;
    expect(preview).toContain('docker checkpoint create web desk-1');
    expect(preview).toContain('docker start --checkpoint desk-1 web');
    expect(screen.getByTestId('will-stop').textContent).toContain('Docker stops it');
  });

  it('sends the name typed and shows Docker’s refusal at the field', async () => {
    const desk = fakeDesk();
    await openFor(WEB, desk);
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({ problems: [{ code: 'IMAGE_EXISTS', field: 'checkpointName', message: 'web already has a checkpoint named cp1; Docker never overwrites one. Pick another name.' }] }),
    );
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Checkpoint name'), { target: { value: ' cp1 ' } });
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({ root: DOCKER_ROOT, id: WEB.id, checkpointName: 'cp1' });
    const field = screen.getByLabelText('Checkpoint name');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const problem = screen.getByTestId('plan-problem');
    expect(problem.getAttribute('data-field')).toBe('checkpointName');
    expect(field.getAttribute('aria-describedby')).toBe(problem.parentElement!.id);
  });

  it('shows a runsc root’s dialog without the name field; a stray name problem goes to the list', async () => {
    const desk = fakeDesk();
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({ problems: [{ code: 'INVALID_INPUT', field: 'checkpointName', message: 'A checkpoint name is Docker\'s; on a runsc root, pick the image folder instead.' }] }),
    );
    await openFor(container('web-1'), desk);
    expect(screen.queryByLabelText('Checkpoint name')).toBeNull();
    expect(screen.getByLabelText('Image path')).toBeTruthy();
    expect(screen.getByTestId('plan-problem').closest('[role="alert"]')).not.toBeNull();
  });
});
