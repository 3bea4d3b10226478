// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppHeader } from '../../../renderer/components/AppHeader';
import { Sidebar } from '../../../renderer/components/Sidebar';
import { RuntimeView } from '../../../renderer/views/RuntimeView';
import { DOCKER_ROOT, fakeDesk, overview, root } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const MISSING = overview({
  runsc: {
    path: null,
    tried: ['/usr/local/bin/runsc', '/root/.cargo/bin/runsc', '/root/.cargo/bin/runsc', '/usr/bin/runsc'],
    version: null,
    capabilities: null,
    error: { code: 'RUNSC_MISSING', message: 'runsc was not found.' },
  },
  lookedAt: ['/run/containerd/runsc/k8s.io', '/run/containerd/runsc/k8s.io'],
  roots: [
    root(DOCKER_ROOT, { source: 'docker', error: { code: 'FORBIDDEN', message: 'permission denied.' } }),
    root('/run/user/1000/runsc', { profileProblems: ['--nvproxy-docker'] }),
  ],
});

async function loaded(ui: React.ReactElement, desk = fakeDesk()) {
  const view = renderWithStore(ui, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  return view;
}

describe('Runtime page', () => {
  it('makes a missing runsc plain, with what to do, and lists each problem the badge counts', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(MISSING);
    await loaded(<RuntimeView />, desk);
    const panel = screen.getByTestId('runtime-panel');
    expect(panel.textContent).toContain('runsc was not found.');
    expect(panel.textContent).toContain('Install gVisor: apt-get install runsc, or set the runsc path in Settings');
    const items = within(screen.getByTestId('attention-list')).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-key'))).toEqual(['runsc', `root:${DOCKER_ROOT}`, 'profile:/run/user/1000/runsc']);
    expect(items[1]!.textContent).toContain('permission denied');
    expect(items[2]!.textContent).toContain('--nvproxy-docker');
  });

  it('keeps the places looked at collapsed, each place once', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(MISSING);
    await loaded(<RuntimeView />, desk);
    const places = screen.getByTestId('places-looked-at') as HTMLDetailsElement;
    expect(places.tagName).toBe('DETAILS');
    expect(places.open).toBe(false);
    const listed = within(places).getAllByRole('listitem', { hidden: true }).map((li) => li.textContent);
    expect(listed.filter((p) => p === '/root/.cargo/bin/runsc')).toHaveLength(1);
    expect(listed.filter((p) => p === '/run/containerd/runsc/k8s.io')).toHaveLength(1);
    expect(listed).toContain('/usr/local/bin/runsc');
  });

  it('shows versions and the option table, and no attention list when all is well', async () => {
    await loaded(<RuntimeView />);
    expect(screen.getByTestId('runtime-panel').textContent).toContain('0.0~20221219.0');
    expect(screen.getByRole('table').textContent).toContain('--image-path');
    expect(screen.queryByTestId('attention-list')).toBeNull();
  });
});

describe('Header', () => {
  it('says runsc and privilege on one line, with no badge when nothing needs attention', async () => {
    await loaded(<AppHeader />);
    const header = screen.getByTestId('app-header');
    expect(header.textContent).toContain('runsc 0.0~20221219.0');
    expect(header.textContent).toContain('running as root');
    expect(screen.queryByTestId('attention-badge')).toBeNull();
  });

  it('for a person who is not root, says runsc runs as root through the helper, not that the person is root', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(overview({ privilege: 'sudo', helper: true }));
    await loaded(<AppHeader />, desk);
    const header = screen.getByTestId('app-header');
    expect(header.textContent).toContain('privilege sudo');
    expect(header.textContent).toContain('runsc as root, through the helper');
    expect(header.textContent).not.toContain('running as root');
  });

  it('counts the problems in a badge that opens the Runtime page', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(MISSING);
    const { store } = await loaded(
      <>
        <Sidebar />
        <AppHeader />
      </>,
      desk,
    );
    const badge = screen.getByTestId('attention-badge');
    expect(badge.textContent).toContain('3 problems');
    expect(badge.getAttribute('title')).toContain('runsc was not found.');
    fireEvent.click(badge);
    expect(store.getState().view).toBe('runtime');
    expect(screen.getByRole('button', { name: 'Runtime' }).getAttribute('aria-current')).toBe('page');
  });

  it('counts an unreadable overview too', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockRejectedValue({ code: 'INTERNAL', message: 'the service is down' });
    await loaded(<AppHeader />, desk);
    expect(screen.getByTestId('app-header').textContent).toContain('runsc unknown');
    expect(screen.getByTestId('attention-badge').textContent).toContain('1 problem');
  });
});
