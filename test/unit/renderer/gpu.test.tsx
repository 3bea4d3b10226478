// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CUDA_PATH, type GpuOverview } from '../../../shared/gpu';
import { GpuOutcome } from '../../../renderer/components/GpuOutcome';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { App } from '../../../renderer/views/App';
import { ContainersView } from '../../../renderer/views/ContainersView';
import { RuntimeView } from '../../../renderer/views/RuntimeView';
import { ImageRecordFacts } from '../../../renderer/views/images/ImageRecordFacts';
import { JobDetailsPanel } from '../../../renderer/views/jobs/JobDetailsPanel';
import { DESK_ROOT, container, details, fakeDesk, imageRecord, job, listing, overview, plan } from './fake-desk';
import { fakeViewportSize } from './layout';
import { renderWithStore } from './render';

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = fakeViewportSize();
});
afterAll(() => restoreLayout());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const DESK_GPU: GpuOverview = {
  generation: 'desk',
  mode: 'This runsc has nvproxy; the Desk runs cuda-checkpoint inside the container.',
  cudaCheckpoint: { path: '/usr/bin/cuda-checkpoint', tried: ['/usr/bin/cuda-checkpoint'], cliLevel: 'R555', version: '570.86.10', error: null },
  driverVersion: '570.86.10',
};

async function loaded(desk = fakeDesk(), gpu: GpuOverview = DESK_GPU, ui = <ContainersView />) {
  desk.calls.getOverview.mockResolvedValue(overview({ gpu }));
  desk.calls.listContainers.mockResolvedValue(listing([container('gpu-1', { gpu: true }), container('web-1')]));
  const view = renderWithStore(ui, desk);
  await act(async () => {
    await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
  });
  return { ...view, desk };
}

const row = (id: string) => screen.getAllByTestId('container-row').find((r) => r.getAttribute('data-id') === id)!;

async function openDetails(id: string) {
  await act(async () => {
    fireEvent.click(row(id));
  });
  return screen.getByTestId('container-details');
}

async function openDialog(id: string, gpu: GpuOverview = DESK_GPU, desk = fakeDesk()) {
  const view = await loaded(desk, gpu, <App />);
  await act(async () => {
    fireEvent.click(within(row(id)).getByRole('button', { name: 'Checkpoint' }));
  });
  return view;
}

describe('GPU containers', () => {
  it('badges GPU containers only', async () => {
    await loaded();
    expect(within(row('gpu-1')).getByTestId('gpu-badge').getAttribute('title')).toMatch(/GPU container/);
    expect(within(row('web-1')).queryByTestId('gpu-badge')).toBeNull();
  });

  it('lists the CUDA processes with their states, "—" where the CLI cannot tell', async () => {
    const desk = fakeDesk();
    const c = container('gpu-1', { gpu: true });
    desk.calls.getContainer.mockResolvedValue({
      ...details(c),
      cuda: [
        { pid: 101, command: 'python train.py', state: 'running' },
        { pid: 102, command: 'python serve.py', state: null },
      ],
    });
    await loaded(desk);
    const panel = await openDetails('gpu-1');
    const rows = within(within(panel).getByTestId('cuda-processes')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['101python train.pyrunning', '102python serve.py—']);
  });

  it('says when no process holds a device, and shows a listing error inline', async () => {
    const desk = fakeDesk();
    const c = container('gpu-1', { gpu: true });
    desk.calls.getContainer.mockResolvedValueOnce({ ...details(c), cuda: [] });
    const view = await loaded(desk);
    let panel = await openDetails('gpu-1');
    expect(panel.textContent).toContain('No process holds an NVIDIA device.');
    expect(within(panel).queryByTestId('cuda-processes')).toBeNull();

    desk.calls.getContainer.mockResolvedValueOnce({ ...details(c), cudaError: { code: 'RUNSC_FAILED', message: 'runsc exec failed' } });
    await act(async () => {
      await view.store.getState().selectContainer({ root: DESK_ROOT, id: 'gpu-1' });
    });
    panel = screen.getByTestId('container-details');
    expect(panel.textContent).toContain('runsc exec failed');
  });

  it('says the runsc has no GPU support instead of a table, and leaves non-GPU containers alone', async () => {
    const desk = fakeDesk();
    desk.calls.getContainer.mockImplementation(async (r) => details(container((r as { id: string }).id, { gpu: (r as { id: string }).id === 'gpu-1' })));
    await loaded(desk, overview().gpu);
    let panel = await openDetails('gpu-1');
    expect(within(panel).queryByTestId('cuda-processes')).toBeNull();
    expect(within(panel).getByTestId('cuda-unsupported').textContent).toContain('no GPU support');
    panel = await openDetails('web-1');
    expect(panel.textContent).not.toContain('CUDA processes');
  });

  it('shows the GPU block on the Runtime page', async () => {
    await loaded(fakeDesk(), DESK_GPU, <RuntimeView />);
    const block = screen.getByTestId('gpu-runtime');
    expect(block.textContent).toContain(DESK_GPU.mode);
    expect(block.textContent).toContain('/usr/bin/cuda-checkpoint');
    expect(block.textContent).toContain('R555');
    cleanup();
    await loaded(
      fakeDesk(),
      {
        ...overview().gpu,
        cudaCheckpoint: { path: null, tried: ['/usr/bin/cuda-checkpoint', '/usr/local/bin/cuda-checkpoint'], cliLevel: null, version: null, error: 'cuda-checkpoint not found' },
      },
      <RuntimeView />,
    );
    const missing = screen.getByTestId('gpu-runtime');
    expect(missing.textContent).toContain('cuda-checkpoint not found');
    // Where it looked is in the collapsed list, not in the GPU block.
    expect(missing.textContent).not.toContain('/usr/local/bin/cuda-checkpoint');
    expect(screen.getByTestId('places-looked-at').textContent).toContain('/usr/local/bin/cuda-checkpoint');
    expect(missing.textContent).toContain('no nvidia-smi');
  });
});

describe('Checkpoint dialog, GPU section', () => {
  it('is there for a GPU container only; a plain container sends no cuda', async () => {
    const { desk } = await openDialog('web-1');
    expect(screen.queryByTestId('gpu-section')).toBeNull();
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({ root: DESK_ROOT, id: 'web-1' });
  });

  it('sends the policy, path and sequential in the plan request', async () => {
    // The plan waits for a pause in typing; the test moves the clock rather than sleeping.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { desk } = await openDialog('gpu-1');
    const section = screen.getByTestId('gpu-section');
    expect(section.textContent).toContain(DESK_GPU.mode);
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({ root: DESK_ROOT, id: 'gpu-1', cuda: { policy: 'auto' } });
    const path = within(section).getByLabelText('Path in container') as HTMLInputElement;
    expect(path.placeholder).toBe(DEFAULT_CUDA_PATH);
    await act(async () => {
      fireEvent.change(within(section).getByLabelText('CUDA policy'), { target: { value: 'best-effort' } });
      fireEvent.change(path, { target: { value: ' /opt/cuda-checkpoint ' } });
      fireEvent.click(within(section).getByLabelText('Toggle one at a time'));
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({
      root: DESK_ROOT,
      id: 'gpu-1',
      cuda: { policy: 'best-effort', pathInContainer: '/opt/cuda-checkpoint', sequential: true },
    });
  });

  it('shows problems at the path in container and at the policy', async () => {
    const desk = fakeDesk();
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({
        problems: [
          { code: 'NOT_FOUND', field: 'cuda.pathInContainer', message: `${DEFAULT_CUDA_PATH} is not in the container; bind-mount it` },
          { code: 'UNSUPPORTED_OPTION', field: 'cuda', message: 'policy trouble' },
        ],
      }),
    );
    await openDialog('gpu-1', DESK_GPU, desk);
    const path = screen.getByLabelText('Path in container');
    const atPath = document.getElementById(path.getAttribute('aria-describedby')!)!;
    expect(atPath.textContent).toContain('bind-mount it');
    const policy = screen.getByLabelText('CUDA policy');
    expect(policy.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('gpu-section').textContent).toContain('policy trouble');
    const dialog = screen.getByRole('dialog', { name: 'Checkpoint gpu-1' });
    expect(within(dialog).getByRole('button', { name: 'Checkpoint' }).hasAttribute('disabled')).toBe(true);
  });

  it('on a runsc without GPU support keeps only the policy open (off still checkpoints), and says why', async () => {
    await openDialog('gpu-1', overview().gpu);
    const section = screen.getByTestId('gpu-section');
    expect(section.textContent).toContain('No GPU support in this runsc');
    expect((within(section).getByLabelText('CUDA policy') as HTMLSelectElement).disabled).toBe(false);
    expect((within(section).getByLabelText('Path in container') as HTMLInputElement).disabled).toBe(true);
    expect((within(section).getByLabelText('Toggle one at a time') as HTMLInputElement).disabled).toBe(true);
  });
});

describe('Checkpoint dialog, Desk-driven GPU mode', () => {
  it('calls Desk-driven mode experimental and names the runsc to use', async () => {
    await openDialog('gpu-1', { ...overview().gpu, generation: 'desk' });
    const note = screen.getByTestId('gpu-experimental');
    expect(note.textContent).toContain('Experimental');
    expect(note.textContent).toContain('release-20260706.0');
  });
});

describe('GPU outcome', () => {
  it('says when a GPU container was saved with --leave-running, then stopped, and the driver it was saved on', () => {
    render(<GpuOutcome cuda={{ outcome: 'captured-by-gvisor', stoppedAfterSave: true, host: { driverVersion: '570.86.15', gpus: ['NVIDIA H100', 'NVIDIA H100'] } }} />);
    const out = screen.getByTestId('gpu-outcome');
    expect(out.textContent).toContain('Saved with --leave-running, then stopped');
    expect(screen.getByTestId('gpu-host').textContent).toBe('Saved on NVIDIA driver 570.86.15, 2 GPUs: NVIDIA H100');
    cleanup();
    render(<GpuOutcome cuda={{ outcome: 'captured-by-gvisor' }} />);
    expect(screen.getByTestId('gpu-outcome').textContent).not.toContain('then stopped');
    expect(screen.queryByTestId('gpu-host')).toBeNull();
  });

  it('says each outcome in words', () => {
    render(
      <GpuOutcome
        cuda={{ outcome: 'captured', processes: [{ pid: 101, command: 'python' }, { pid: 102, command: 'python' }], pathInContainer: DEFAULT_CUDA_PATH }}
      />,
    );
    let out = screen.getByTestId('gpu-outcome');
    expect(out.getAttribute('data-outcome')).toBe('captured');
    expect(out.textContent).toContain('Captured: the Desk toggled 2 processes');
    expect(out.textContent).toContain('101 python');
    cleanup();
    render(<GpuOutcome cuda={{ outcome: 'captured-by-gvisor' }} />);
    expect(screen.getByTestId('gpu-outcome').textContent).toContain('Captured by gVisor (cuda-checkpoint inside the sandbox)');
    cleanup();
    render(<GpuOutcome cuda={{ outcome: 'not-captured', note: 'toggle of 102 failed' }} />);
    out = screen.getByTestId('gpu-outcome');
    expect(out.textContent).toContain('GPU state not captured');
    expect(out.textContent).toContain('toggle of 102 failed');
    expect(out.querySelector('.text-warning')).not.toBeNull();
  });

  it('shows in an image record and a job only when present', async () => {
    render(<ImageRecordFacts record={imageRecord()} />);
    expect(screen.queryByTestId('gpu-outcome')).toBeNull();
    cleanup();
    render(<ImageRecordFacts record={imageRecord({ cuda: { outcome: 'off' } })} />);
    expect(screen.getByTestId('gpu-outcome').getAttribute('data-outcome')).toBe('off');
    cleanup();

    const desk = fakeDesk();
    renderWithStore(<JobDetailsPanel job={job('job-1', { cuda: { outcome: 'no-cuda-processes' } })} />, desk);
    expect(screen.getByTestId('gpu-outcome').getAttribute('data-outcome')).toBe('no-cuda-processes');
    cleanup();
    renderWithStore(<JobDetailsPanel job={job('job-1')} />, desk);
    expect(screen.queryByTestId('gpu-outcome')).toBeNull();
  });
});
