// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { ContainersView } from '../../../renderer/views/ContainersView';
import { DESK_ROOT, DOCKER_ROOT, container, deferred, details, fakeDesk, listing, overview } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const rows = () => screen.queryAllByTestId('container-row');
const ids = () => rows().map((r) => r.getAttribute('data-id'));

async function loaded(desk = fakeDesk()) {
  const view = renderWithStore(<ContainersView />, desk);
  await act(async () => {
    await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
  });
  return view;
}

describe('ContainersView', () => {
  it('groups containers by root, with the root’s source, flags and count', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(
      listing([
        container('web-1', { root: DOCKER_ROOT }),
        container('db-1', { root: DOCKER_ROOT, status: 'stopped', pid: null }),
        container('desk-sample', { root: DESK_ROOT, status: 'paused' }),
      ]),
    );
    await loaded(desk);

    const sections = screen.getAllByTestId('root-section');
    expect(sections.map((s) => s.getAttribute('data-root'))).toEqual([DOCKER_ROOT, DESK_ROOT]);
    const docker = within(sections[0]!);
    expect(docker.getByText('docker')).toBeTruthy();
    expect(docker.getByText('--platform=systrap')).toBeTruthy();
    expect(docker.getByText('2 containers')).toBeTruthy();
    expect(docker.getAllByTestId('container-row').map((r) => r.getAttribute('data-id'))).toEqual(['web-1', 'db-1']);

    const paused = within(sections[1]!).getByTestId('container-row');
    expect(paused.getAttribute('data-status')).toBe('paused');
    expect(within(paused).getByText('paused').className).toContain('status-paused');
    expect(within(paused).getByText('3 min ago').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Containers first: the runtime lives on its own page.
    expect(screen.queryByTestId('runtime-panel')).toBeNull();
  });

  it('filters by id or bundle, and by Running / All', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(
      listing([
        container('web-1', { bundle: '/srv/bundles/nginx' }),
        container('db-1', { status: 'stopped', pid: null }),
        container('cache-1', { status: 'paused' }),
      ]),
    );
    await loaded(desk);
    expect(ids()).toEqual(['web-1', 'db-1', 'cache-1']);

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'NGINX' } });
    expect(ids()).toEqual(['web-1']);
    expect(screen.getByText('1 of 3 containers')).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Running' }));
    expect(ids()).toEqual(['web-1', 'cache-1']);
    expect(screen.getByRole('button', { name: 'Running' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(ids()).toEqual(['web-1', 'db-1', 'cache-1']);
  });

  it('shows where it looked when there are no containers, and starts a sample sandbox', async () => {
    const desk = fakeDesk();
    const gate = deferred<{ root: string; id: string }>();
    desk.calls.startDemo.mockReturnValue(gate.promise);
    await loaded(desk);

    expect(screen.getByText('/run/containerd/runsc/k8s.io')).toBeTruthy();
    expect(screen.getAllByText(DOCKER_ROOT).length).toBeGreaterThan(0);
    const button = screen.getByRole('button', { name: 'Start a sample sandbox' });
    fireEvent.click(button);
    expect(desk.calls.startDemo).toHaveBeenCalledWith({});
    expect((button as HTMLButtonElement).disabled).toBe(true);

    desk.calls.listContainers.mockResolvedValue(listing([container('desk-sample')], 2000));
    await act(async () => {
      gate.resolve({ root: DESK_ROOT, id: 'desk-sample' });
      await gate.promise;
    });
    expect(ids()).toEqual(['desk-sample']);
    expect(screen.queryByRole('button', { name: 'Start a sample sandbox' })).toBeNull();
  });

  it('shows a failed start in place', async () => {
    const desk = fakeDesk();
    desk.calls.startDemo.mockRejectedValue(
      new DeskError('RUNSC_FAILED', 'runsc run failed', { stderr: 'cannot create sandbox: permission denied' }),
    );
    await loaded(desk);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start a sample sandbox' }));
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('runsc run failed');
    expect(alert.textContent).toContain('cannot create sandbox: permission denied');
    expect((screen.getByRole('button', { name: 'Start a sample sandbox' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failed root’s stderr without hiding the other roots', async () => {
    const desk = fakeDesk();
    const list = listing([container('web-1', { root: DESK_ROOT })]);
    list.roots[0] = {
      root: DOCKER_ROOT,
      count: 0,
      error: { code: 'RUNSC_FAILED', message: 'runsc list failed', details: { stderr: 'open /var/run/docker: permission denied' } },
    };
    desk.calls.listContainers.mockResolvedValue(list);
    await loaded(desk);

    const [failed, ok] = screen.getAllByTestId('root-section');
    const pre = failed!.querySelector('pre.stderr-block');
    expect(pre?.textContent).toBe('open /var/run/docker: permission denied');
    expect(within(ok!).getAllByTestId('container-row')).toHaveLength(1);
  });

  it('shows a failed root even when no root has containers', async () => {
    const desk = fakeDesk();
    const list = listing([]);
    list.roots[0] = { root: DOCKER_ROOT, count: 0, error: { code: 'RUNSC_FAILED', message: 'runsc list: exit 128' } };
    desk.calls.listContainers.mockResolvedValue(list);
    await loaded(desk);
    expect(screen.getByRole('button', { name: 'Start a sample sandbox' })).toBeTruthy();
    const section = screen.getByTestId('root-section');
    expect(section.getAttribute('data-root')).toBe(DOCKER_ROOT);
    expect(section.querySelector('pre')?.textContent).toBe('runsc list: exit 128');
  });

  it('updates from the containers:changed event', async () => {
    const desk = fakeDesk();
    desk.calls.listContainers.mockResolvedValue(listing([container('web-1')]));
    await loaded(desk);
    act(() => desk.emit('containers:changed', listing([container('web-1', { status: 'stopped' })], 5000)));
    expect(rows()[0]!.getAttribute('data-status')).toBe('stopped');
  });

  it('opens the details panel on a row, each part with its own error, and Esc closes it', async () => {
    const desk = fakeDesk();
    const c = container('web-1');
    desk.calls.listContainers.mockResolvedValue(listing([c]));
    desk.calls.getContainer.mockResolvedValue(details(c));
    await loaded(desk);

    await act(async () => {
      fireEvent.click(rows()[0]!);
    });
    expect(desk.calls.getContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1' });
    const panel = screen.getByTestId('container-details');
    expect(within(panel).getByText('sleep 1000')).toBeTruthy();
    expect(within(panel).getByText('5.0 MiB')).toBeTruthy();
    expect(within(panel).getByText('config.json is not in the bundle')).toBeTruthy();

    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByTestId('container-details')).toBeNull();
  });

  it('kills and removes a running runsc container after a modal naming it, Cancel first and a filled red button after', async () => {
    const desk = fakeDesk();
    const c = container('web-1');
    desk.calls.listContainers.mockResolvedValue(listing([c]));
    desk.calls.getContainer.mockResolvedValue(details(c));
    await loaded(desk);
    await act(async () => {
      fireEvent.click(rows()[0]!);
    });
    const panel = screen.getByTestId('container-details');
    // runsc has no Stop that can be undone: the button says what it does.
    expect(within(panel).queryByRole('button', { name: 'Stop' })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Kill and remove' }));
    expect(desk.calls.stopContainer).not.toHaveBeenCalled();
    const modal = screen.getByRole('dialog', { name: 'Kill and remove web-1?' });
    const buttons = within(modal).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Cancel', 'Kill and remove']);
    expect(buttons[1]!.className).toContain('filled');
    expect(document.activeElement).toBe(buttons[0]);
    desk.calls.listContainers.mockResolvedValue(listing([], 3000));
    await act(async () => {
      fireEvent.click(buttons[1]!);
    });
    expect(desk.calls.stopContainer).toHaveBeenCalledWith({ root: DESK_ROOT, id: 'web-1' });
    expect(screen.queryByTestId('container-details')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Esc and Cancel back out of the modal only, and nothing is removed', async () => {
    const desk = fakeDesk();
    const c = container('web-1');
    desk.calls.listContainers.mockResolvedValue(listing([c]));
    desk.calls.getContainer.mockResolvedValue(details(c));
    await loaded(desk);
    await act(async () => {
      fireEvent.click(rows()[0]!);
    });
    const panel = screen.getByTestId('container-details');
    fireEvent.click(within(panel).getByRole('button', { name: 'Kill and remove' }));
    const modal = screen.getByRole('dialog', { name: /^Kill and remove web-1/ });
    await act(async () => {
      fireEvent.keyDown(within(modal).getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('container-details')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Kill and remove' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(desk.calls.stopContainer).not.toHaveBeenCalled();
  });
});
