// @vitest-environment happy-dom
// The container lifecycle in the Containers view: each row's actions follow its state,
// a running job shows in its row and in the sidebar's tasks, a stopped container's
// details say "Not running", and a broken runsc is one card.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Sidebar } from '../../../renderer/components/Sidebar';
import { ContainersView } from '../../../renderer/views/ContainersView';
import { DESK_ROOT, IMAGES_DIR, container, details, fakeDesk, imageList, imageSummary, job, listing, overview } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const row = (id: string) => screen.getAllByTestId('container-row').find((r) => r.getAttribute('data-id') === id)!;
const buttonsOf = (el: HTMLElement) => within(el).queryAllByRole('button').map((b) => b.textContent);

async function loaded(desk = fakeDesk(), ui = <ContainersView />) {
  const view = renderWithStore(ui, desk);
  await act(async () => {
    const s = view.store.getState();
    await Promise.all([s.refreshOverview(), s.refreshContainers(), s.refreshImages()]);
  });
  return view;
}

describe('a lifecycle in every row', () => {
  it('running → Checkpoint; stopped with an image → Restore and Delete; stopped without one → Delete only', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(
      listing([container('web-1', { status: 'stopped', pid: null }), container('api-1'), container('old-1', { status: 'stopped', pid: null })]),
    );
    desk.calls.listImages.mockResolvedValue(imageList([imageSummary(`${IMAGES_DIR}/web-1/a`)]));
    await loaded(desk);
    expect(buttonsOf(row('api-1'))).toEqual(['Checkpoint']);
    expect(buttonsOf(row('web-1'))).toEqual(['Restore', 'Delete']);
    expect(buttonsOf(row('old-1'))).toEqual(['Delete']);
  });

  it('Restore opens the restore dialog on the newest complete image, without opening the details', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1', { status: 'stopped', pid: null })]));
    const older = imageSummary(`${IMAGES_DIR}/web-1/old`, { createdAt: 1000 });
    const newer = imageSummary(`${IMAGES_DIR}/web-1/new`, { createdAt: 2000 });
    desk.calls.listImages.mockResolvedValue(imageList([older, newer, imageSummary(`${IMAGES_DIR}/web-1/half`, { createdAt: 3000, state: 'partial' })]));
    const { store } = await loaded(desk);
    await act(async () => {
      fireEvent.click(within(row('web-1')).getByRole('button', { name: 'Restore' }));
    });
    expect(store.getState().restore?.image.path).toBe(newer.path);
    expect(screen.queryByTestId('container-details')).toBeNull();
  });

  it('Delete on a stopped row asks in a modal naming it, then runs runsc delete through stopContainer', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1', { status: 'stopped', pid: null })]));
    await loaded(desk);
    fireEvent.click(within(row('web-1')).getByRole('button', { name: 'Delete' }));
    const modal = screen.getByRole('dialog', { name: 'Delete web-1?' });
    expect(modal.textContent).toContain('Its checkpoint images stay');
    expect(screen.queryByTestId('container-details')).toBeNull();
    await act(async () => {
      fireEvent.click(within(modal).getByRole('button', { name: 'Delete container' }));
    });
    expect(desk.calls.stopContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1' });
  });

  it('a row with a running job shows its state, a click from the job, and holds its actions', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1')]));
    const { store } = await loaded(desk);
    const step = (name: string, status: 'succeeded' | 'running') => ({
      name,
      title: name,
      status,
      argv: null,
      startedAt: 1,
      endedAt: status === 'running' ? null : 2,
      exitCode: null,
      signal: null,
      stdoutLines: 0,
      stderrLines: 0,
    });
    await act(async () => {
      desk.emit('job:update', job('job-7', { steps: [step('preflight', 'succeeded'), step('runsc', 'running')] }));
    });
    const state = within(row('web-1')).getByTestId('row-job');
    expect(state.textContent).toBe('checkpointing… 33 %');
    expect(within(row('web-1')).getByRole('button', { name: 'Checkpoint' }).hasAttribute('disabled')).toBe(true);
    desk.calls.getJob.mockResolvedValue(job('job-7'));
    await act(async () => {
      fireEvent.click(state);
    });
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().selectedJobId).toBe('job-7');
  });
});

describe('a stopped container’s details', () => {
  it('read "Not running" with the last image and Restore at the top, and offer no Kill or Stop', async () => {
    const desk = fakeDesk();
    const c = container('web-1', { status: 'stopped', pid: null });
    desk.calls.listContainers.mockResolvedValue(listing([c]));
    desk.calls.getContainer.mockResolvedValue({ ...details(c), processes: null, memory: null });
    desk.calls.listImages.mockResolvedValue(imageList([imageSummary(`${IMAGES_DIR}/web-1/a`)]));
    await loaded(desk);
    await act(async () => {
      fireEvent.click(row('web-1'));
    });
    const panel = screen.getByTestId('container-details');
    const notRunning = within(panel).getByTestId('not-running');
    expect(notRunning.textContent).toContain('Not running');
    expect(notRunning.textContent).toContain(`${IMAGES_DIR}/web-1/a`);
    expect(buttonsOf(notRunning)).toEqual(['Restore', 'Delete']);
    expect(within(panel).queryByRole('button', { name: /Stop|Kill/ })).toBeNull();
    expect(within(panel).queryByRole('heading', { name: 'Processes' })).toBeNull();
    expect(within(panel).queryByRole('heading', { name: 'Memory' })).toBeNull();
  });
});

describe('the sidebar’s tasks', () => {
  it('counts the running jobs, shows each with its progress, and opens one on a click', async () => {
    const desk = fakeDesk();
    const { store } = await loaded(desk, <Sidebar />);
    expect(screen.getByTestId('tasks-count').textContent).toBe('0');
    await act(async () => {
      desk.emit('job:update', job('job-1'));
      desk.emit('job:update', job('job-2', { kind: 'restore', title: 'Restore web-2', target: { root: DESK_ROOT, id: 'web-2' } }));
      desk.emit('job:update', job('job-3', { status: 'succeeded', endedAt: 2 }));
    });
    expect(screen.getByTestId('tasks-count').textContent).toBe('2');
    const tasks = screen.getAllByTestId('task');
    expect(tasks.map((t) => t.textContent).sort()).toEqual(['Checkpoint web-1checkpointing… 0 %', 'Restore web-2restoring… 0 %']);
    desk.calls.getJob.mockResolvedValue(job('job-1'));
    await act(async () => {
      fireEvent.click(tasks.find((t) => t.textContent?.startsWith('Checkpoint web-1'))!);
    });
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().selectedJobId).toBe('job-1');
    await act(async () => {
      desk.emit('job:update', job('job-1', { status: 'succeeded', endedAt: 3 }));
      desk.emit('job:update', job('job-2', { status: 'failed', endedAt: 3, kind: 'restore', title: 'Restore web-2', target: { root: DESK_ROOT, id: 'web-2' } }));
    });
    expect(screen.getByTestId('tasks-count').textContent).toBe('0');
    expect(screen.queryAllByTestId('task')).toHaveLength(0);
  });
});

describe('a broken runsc', () => {
  it('is one card with the cause, what to do and the way to Settings; no empty state, no sample button', async () => {
    const desk = fakeDesk();
    const error = { code: 'RUNSC_MISSING' as const, message: '/opt/nope/runsc does not exist.' };
    desk.calls.getOverview.mockResolvedValue(overview({ runsc: { path: '/opt/nope/runsc', tried: ['/opt/nope/runsc'], version: null, capabilities: null, error } }));
    desk.calls.listContainers.mockResolvedValue({ ...listing([]), roots: [{ root: DESK_ROOT, count: 0, error }] });
    const { store } = await loaded(desk);
    const cards = screen.getAllByTestId('broken-runtime');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.textContent).toContain('/opt/nope/runsc does not exist.');
    expect(screen.queryByText('No containers')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start a sample sandbox' })).toBeNull();
    expect(screen.queryAllByTestId('root-section')).toHaveLength(0);
    expect(document.body.textContent!.split('/opt/nope/runsc does not exist.').length - 1).toBe(1);
    fireEvent.click(within(cards[0]!).getByRole('button', { name: 'Fix it in Settings' }));
    expect(store.getState().view).toBe('settings');
  });
});

describe('addresses', () => {
  it('an action makes one history entry, Back goes back, and a route opens its job', async () => {
    const { App } = await import('../../../renderer/views/App');
    window.history.replaceState(null, '', '/#/jobs/job-9');
    const desk = fakeDesk();
    desk.calls.getJob.mockResolvedValue(job('job-9'));
    const { store } = renderWithStore(<App />, desk);
    await act(async () => {});
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().selectedJobId).toBe('job-9');
    expect(desk.calls.getJob).toHaveBeenCalledWith({ jobId: 'job-9' });
    const length = window.history.length;
    await act(async () => {
      store.getState().setView('containers');
    });
    expect(window.location.hash).toBe('#/containers');
    await act(async () => {
      store.getState().openJob('job-9');
    });
    expect(window.location.hash).toBe('#/jobs/job-9');
    expect(window.history.length).toBe(length + 2);
    window.history.replaceState(null, '', '/#/settings');
    await act(async () => {
      window.dispatchEvent(new Event('popstate'));
    });
    expect(store.getState().view).toBe('settings');
    window.history.replaceState(null, '', '/');
  });
});
