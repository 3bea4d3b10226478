// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { App } from '../../../renderer/views/App';
import { tokenizeFlags } from '../../../renderer/lib/extra-flags';
import { PLAN_DEBOUNCE_MS } from '../../../renderer/state/plan-slice';
import { DESK_ROOT, container, fakeDesk, job, listing, logLines, logPage, overview, plan } from './fake-desk';
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

const OPTIONS_2022 = [
  { option: 'imagePath', flag: 'image-path', supported: true, help: 'directory path to saved container image' },
  { option: 'leaveRunning', flag: 'leave-running', supported: true, help: 'restart the container after checkpointing' },
  { option: 'compression', flag: 'compression', supported: false, help: null },
  { option: 'direct', flag: 'direct', supported: false, help: null },
  { option: 'excludeCommittedZeroPages', flag: 'exclude-committed-zero-pages', supported: false, help: null },
];

async function openDialog(desk = fakeDesk()) {
  desk.calls.getOverview.mockResolvedValue(overview({ checkpointOptions: OPTIONS_2022 }));
  desk.calls.listContainers.mockResolvedValue(
    listing([container('web-1'), container('db-1', { status: 'stopped', pid: null })]),
  );
  const view = renderWithStore(<App />, desk);
  await act(async () => {
    await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
  });
  const row = screen.getAllByTestId('container-row').find((r) => r.getAttribute('data-id') === 'web-1')!;
  await act(async () => {
    fireEvent.click(within(row).getByRole('button', { name: 'Checkpoint' }));
  });
  return { ...view, desk, dialog: screen.getByRole('dialog', { name: 'Checkpoint web-1' }) };
}

/** Types into a field and lets the debounced plan answer. */
async function type(label: string, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
  });
}

describe('tokenizeFlags', () => {
  it('joins a value typed after a space onto its flag', () => {
    expect(tokenizeFlags('--work-dir /x')).toEqual(['--work-dir=/x']);
    expect(tokenizeFlags('  --debug --work-path=/w --log x y ')).toEqual(['--debug', '--work-path=/w', '--log=x', 'y']);
    expect(tokenizeFlags('stray --a')).toEqual(['stray', '--a']);
    expect(tokenizeFlags('')).toEqual([]);
  });
});

describe('Checkpoint dialog', () => {
  it('opens from a running row only, without opening the details panel', async () => {
    const { dialog, desk } = await openDialog();
    const stopped = screen.getAllByTestId('container-row').find((r) => r.getAttribute('data-id') === 'db-1')!;
    expect(within(stopped).queryByRole('button', { name: 'Checkpoint' })).toBeNull();
    expect(screen.queryByTestId('container-details')).toBeNull();
    expect(desk.calls.getContainer).not.toHaveBeenCalled();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Focus starts in the image path; it shows the plan's default as its value.
    const input = screen.getByLabelText('Image path') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe(plan().imagePath);
    expect(input.placeholder).toBe('');
    expect(screen.getByTestId('command-preview').textContent).toBe(
      `runsc --root ${DESK_ROOT} checkpoint --image-path=${plan().imagePath} -- web-1`,
    );
  });

  it('selects a default that arrives while the person is in the field, so typing replaces it', async () => {
    const desk = fakeDesk();
    let answer: (value: ReturnType<typeof plan>) => void = () => undefined;
    desk.calls.planCheckpoint.mockImplementation(() => new Promise((resolve) => (answer = resolve)) as never);
    await openDialog(desk);
    const input = screen.getByLabelText('Image path') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
      answer(plan());
    });
    expect(input.value).toBe(plan().imagePath);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, plan().imagePath.length]);
    // Typed over the selection: the person's path, not the default with it appended.
    await type('Image path', '/mnt/images/web-1');
    expect(input.value).toBe('/mnt/images/web-1');
  });

  it('shows options this runsc lacks, disabled, with the reason', async () => {
    await openDialog();
    const compression = screen.getByLabelText('Compression') as HTMLSelectElement;
    expect(compression.disabled).toBe(true);
    expect(document.getElementById('cp-compression-help')?.textContent).toContain('Not in runsc 0.0~20221219.0');
    const direct = screen.getByLabelText('Direct I/O') as HTMLInputElement;
    expect(direct.disabled).toBe(true);
    expect(document.getElementById(direct.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toContain(
      'Not in runsc 0.0~20221219.0',
    );
    expect((screen.getByLabelText('Leave running') as HTMLInputElement).disabled).toBe(false);
  });

  it('sends typed extra flags as --flag=value and shows their problem at the field', async () => {
    const desk = fakeDesk();
    const { dialog } = await openDialog(desk);
    fireEvent.click(screen.getByRole('button', { name: /Advanced: extra flags/ }));
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({
        problems: [
          {
            code: 'UNSUPPORTED_OPTION',
            field: 'extraFlags.0',
            message: 'runsc checkpoint has no --work-dir; did you mean --work-path?',
          },
        ],
      }),
    );
    await type('Extra flags', '--work-dir /x');
    expect(desk.calls.planCheckpoint).toHaveBeenLastCalledWith({ root: DESK_ROOT, id: 'web-1', extraFlags: ['--work-dir=/x'] });

    const problem = screen.getByTestId('plan-problem');
    expect(problem.getAttribute('data-field')).toBe('extraFlags.0');
    expect(problem.textContent).toContain('did you mean --work-path');
    const flags = screen.getByLabelText('Extra flags');
    expect(flags.getAttribute('aria-invalid')).toBe('true');
    expect(flags.getAttribute('aria-describedby')).toContain(problem.parentElement!.id);
    expect(screen.getByTestId('plan-problems').contains(problem)).toBe(true);
    const submit = within(dialog).getByRole('button', { name: 'Checkpoint' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
  });

  it('shows a schema refusal of the plan at the image path, and problems without a field in a list', async () => {
    const desk = fakeDesk();
    await openDialog(desk);
    desk.calls.planCheckpoint.mockRejectedValueOnce(
      new DeskError('INVALID_INPUT', 'planCheckpoint: imagePath must be an absolute path', { field: 'imagePath' }),
    );
    await type('Image path', 'images/x');
    const atPath = screen.getByTestId('plan-problem');
    expect(atPath.getAttribute('data-field')).toBe('imagePath');
    expect(atPath.textContent).toBe('imagePath must be an absolute path');
    expect(screen.getByLabelText('Image path').getAttribute('aria-invalid')).toBe('true');

    desk.calls.planCheckpoint.mockResolvedValueOnce(
      plan({
        problems: [{ code: 'CONTAINER_NOT_RUNNING', field: 'id', message: 'web-1 is stopped; only a running container can be checkpointed' }],
        warnings: ['Free space under /srv (1.0 GiB) is less than the container uses (2.0 GiB).'],
      }),
    );
    await type('Image path', '/srv/x');
    const listed = screen.getByTestId('plan-problem');
    expect(listed.getAttribute('data-field')).toBe('id');
    expect(listed.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByTestId('plan-warnings').textContent).toContain('Free space under /srv');
  });

  it('explains leave-running only when the plan has follow-ups, and previews them', async () => {
    const desk = fakeDesk();
    await openDialog(desk);
    desk.calls.planCheckpoint.mockResolvedValue(
      plan({ followUps: [{ title: 'Restore web-1 from the image', argv: ['runsc', 'restore', '--detach', '--', 'web-1'] }] }),
    );
    await act(async () => {
      fireEvent.click(screen.getByLabelText('Leave running'));
      await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    });
    expect(screen.getByText(/restored under the same id; its PID changes/)).toBeTruthy();
    expect(screen.getByTestId('command-preview').textContent).toContain(
      '# then: Restore web-1 from the image\nrunsc restore --detach -- web-1',
    );
  });

  it('submits on Enter, then shows the live job: status, log, Cancel and the diagnosis', async () => {
    const desk = fakeDesk();
    desk.calls.checkpoint.mockResolvedValue({ jobId: 'job-1' });
    desk.calls.getJob.mockResolvedValue(job('job-1', { imageBytes: 3 * 1024 * 1024 }));
    const lines = logLines(0, 5);
    desk.calls.getJobLog.mockImplementation(logPage(lines));
    const { dialog } = await openDialog(desk);
    await act(async () => {
      fireEvent.submit(screen.getByLabelText('Image path').closest('form')!);
    });
    expect(desk.calls.checkpoint).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1' });

    const status = within(dialog).getByTestId('job-status');
    expect(status.getAttribute('data-status')).toBe('running');
    expect(dialog.textContent).toContain('3.0 MiB');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    const rows = within(dialog).getAllByTestId('log-line');
    expect(rows).toHaveLength(5);
    expect(rows[2]!.getAttribute('data-stream')).toBe('stderr');

    await act(async () => {
      desk.emit('job:update', {
        ...job('job-1'),
        status: 'failed',
        error: { code: 'RUNSC_FAILED', message: 'runsc checkpoint: exit status 128', details: { exitCode: 128 } },
        diagnosis: {
          title: 'runsc does not know a flag',
          evidence: 'flag provided but not defined: -work-dir',
          fix: 'Use --work-path, or leave it out.',
        },
      });
    });
    expect(status.getAttribute('data-status')).toBe('failed');
    const diagnosis = within(dialog).getByTestId('diagnosis');
    expect(diagnosis.textContent).toContain('runsc does not know a flag');
    expect(diagnosis.querySelector('pre')?.textContent).toBe('flag provided but not defined: -work-dir');
    expect(within(dialog).queryByRole('button', { name: 'Cancel' })).toBeNull();
    // The failure notice goes up too, and opens the job in Jobs.
    const notice = screen.getByTestId('notice');
    await act(async () => {
      fireEvent.click(within(notice).getByRole('button', { name: 'Open job' }));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Jobs' })).toBeTruthy();
  });

  it('shows runsc’s last stderr lines and the exit code when no rule explains a failure', async () => {
    const desk = fakeDesk();
    desk.calls.getJob.mockResolvedValue(
      job('job-1', {
        status: 'failed',
        steps: [
          {
            name: 'runsc',
            title: 'runsc checkpoint',
            status: 'failed',
            argv: ['runsc', 'checkpoint'],
            startedAt: 1,
            endedAt: 2,
            exitCode: 128,
            signal: null,
            stdoutLines: 0,
            stderrLines: 2,
          },
        ],
        error: { code: 'RUNSC_FAILED', message: 'runsc checkpoint: exit status 128', details: { stderr: 'W0101 one\nsaving failed: disk full\n' } },
      }),
    );
    const { dialog } = await openDialog(desk);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Checkpoint' }));
    });
    expect(within(dialog).queryByTestId('diagnosis')).toBeNull();
    expect(dialog.querySelector('pre.stderr-block')?.textContent).toBe('W0101 one\nsaving failed: disk full');
    expect(dialog.textContent).toContain('exit code 128');
  });

  it('keeps a refused submit next to its field', async () => {
    const desk = fakeDesk();
    desk.calls.checkpoint.mockRejectedValue(
      new DeskError('IMAGE_EXISTS', '/srv/img already holds a checkpoint.img; pick another folder', { field: 'imagePath' }),
    );
    const { dialog } = await openDialog(desk);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Checkpoint' }));
    });
    const problem = screen.getByTestId('plan-problem');
    expect(problem.getAttribute('data-field')).toBe('imagePath');
    expect(problem.textContent).toContain('already holds a checkpoint.img');
    expect((within(dialog).getByRole('button', { name: 'Checkpoint' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('browses the server’s folders and takes the one picked', async () => {
    const desk = fakeDesk();
    desk.calls.listDirectory.mockImplementation(async (request) => {
      const { path } = request as { path: string };
      if (path === '/srv') {
        return {
          path: '/srv',
          parent: '/',
          writable: true,
          entries: [
            { name: 'img-old', path: '/srv/img-old', isDir: true, isImage: true },
            { name: 'new', path: '/srv/new', isDir: true, isImage: false },
            { name: 'notes.txt', path: '/srv/notes.txt', isDir: false, isImage: false },
          ],
        };
      }
      if (path === '/srv/new') return { path, parent: '/srv', writable: true, entries: [] };
      throw new DeskError('NOT_FOUND', `${path} does not exist`);
    });
    await openDialog(desk);
    fireEvent.change(screen.getByLabelText('Image path'), { target: { value: '/srv/not-yet/here' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    });
    const browser = await screen.findByRole('dialog', { name: 'Choose the image folder' });
    // The typed folder does not exist yet: the browser climbs to the nearest that does.
    await vi.waitFor(() => expect(within(browser).getByText('img-old/')).toBeTruthy());
    expect(within(browser).getByText('image')).toBeTruthy();
    expect(within(browser).queryByText('notes.txt')).toBeNull();
    await act(async () => {
      fireEvent.click(within(browser).getByText('new/'));
    });
    await act(async () => {
      fireEvent.click(within(browser).getByRole('button', { name: 'Use this folder' }));
    });
    expect(screen.queryByRole('dialog', { name: 'Choose the image folder' })).toBeNull();
    expect((screen.getByLabelText('Image path') as HTMLInputElement).value).toBe('/srv/new');
  });

  it('keeps Tab inside the dialog and gives focus back to the row button on close', async () => {
    const { dialog } = await openDialog();
    const submit = within(dialog).getByRole('button', { name: 'Checkpoint' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    submit.focus();
    fireEvent.keyDown(submit, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(submit);
    await act(async () => {
      fireEvent.keyDown(submit, { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    const row = screen.getAllByTestId('container-row').find((r) => r.getAttribute('data-id') === 'web-1')!;
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: 'Checkpoint' }));
  });

  it('Esc closes the dialog, not the details panel behind it', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1')]));
    const view = renderWithStore(<App />, desk);
    await act(async () => {
      await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('container-row'));
    });
    const panel = screen.getByTestId('container-details');
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Checkpoint' }));
    });
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText('Image path'), { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('container-details')).toBeTruthy();
  });
});
