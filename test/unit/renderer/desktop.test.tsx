// @vitest-environment happy-dom
// renderer/lib/desktop.ts: the desktop shell's bridge where it exists, the headless
// fallbacks where it does not (the server-side browser, no reveal, the browser's
// Notification once allowed, never asked twice).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../shared/jobs';
import type { DeskShell } from '../../../shared/shell-api';
import { RevealButton } from '../../../renderer/components/RevealButton';
import { ASKED_KEY, FIND_IN_LOG_EVENT, askForNotificationsOnce, notify, runMenuCommand, watchJobEnds } from '../../../renderer/lib/desktop';
import { FolderBrowser } from '../../../renderer/views/checkpoint/FolderBrowser';
import { fakeDesk } from './fake-desk';
import { renderWithStore } from './render';

const g = globalThis as { deskShell?: DeskShell; Notification?: unknown };

function fakeShell(picked: string | null = '/srv/images'): DeskShell & { [k: string]: ReturnType<typeof vi.fn> } {
  return {
    pickFolder: vi.fn(async () => picked),
    reveal: vi.fn(async () => {}),
    notify: vi.fn(async () => true),
    onMenu: vi.fn(() => () => {}),
  } as never;
}

function fakeNotification(permission: NotificationPermission, answer: NotificationPermission = 'denied') {
  const shown: unknown[] = [];
  const N = vi.fn(function (this: unknown, title: string, options: unknown) {
    shown.push({ title, options });
  }) as unknown as { permission: NotificationPermission; requestPermission: ReturnType<typeof vi.fn>; shown: unknown[] };
  N.permission = permission;
  N.requestPermission = vi.fn(async () => (N.permission = answer));
  N.shown = shown;
  return N;
}

const job = (status: Job['status'], patch: Partial<Job> = {}) => ({ id: 'j1', title: 'Checkpoint web-1', status, target: { root: '/r', id: 'web-1' }, error: null, ...patch }) as Job;

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  delete g.deskShell;
  delete g.Notification;
});

describe('folder picker', () => {
  it('uses the native picker in the desktop shell; a cancel closes with nothing picked', async () => {
    g.deskShell = fakeShell('/srv/images');
    const onPick = vi.fn();
    const onClose = vi.fn();
    const { unmount } = render(<FolderBrowser purpose="image-dir" start="/srv" onPick={onPick} onClose={onClose} />);
    await waitFor(() => expect(onPick).toHaveBeenCalledWith('/srv/images'));
    expect(g.deskShell.pickFolder).toHaveBeenCalledWith({ purpose: 'image-dir', defaultPath: '/srv' });
    unmount();
    g.deskShell = fakeShell(null);
    render(<FolderBrowser start="/srv" onPick={onPick} onClose={onClose} />);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onPick).toHaveBeenCalledTimes(1);
  });

  it('keeps the server-side browser in the headless shell', async () => {
    const desk = fakeDesk();
    renderWithStore(<FolderBrowser purpose="root" start="/var" onPick={() => {}} onClose={() => {}} />, desk);
    expect(screen.getByRole('heading', { name: 'Choose a runsc root' })).toBeTruthy();
    await waitFor(() => expect(desk.listDirectory).toHaveBeenCalledWith({ path: '/var' }));
  });
});

describe('reveal', () => {
  it('is offered only by the desktop shell, and says why it failed', async () => {
    const { unmount } = render(<RevealButton path="/srv/images/a" />);
    expect(screen.queryByRole('button')).toBeNull();
    unmount();
    g.deskShell = fakeShell();
    render(<RevealButton path="/srv/images/a" />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal in file manager' }));
    expect(g.deskShell.reveal).toHaveBeenCalledWith({ path: '/srv/images/a' });
    vi.mocked(g.deskShell.reveal).mockRejectedValueOnce({ code: 'NOT_FOUND', message: '/srv/images/a is not there any more' });
    fireEvent.click(screen.getByRole('button', { name: 'Reveal in file manager' }));
    await screen.findByText(/not there any more/);
  });
});

describe('notifications', () => {
  it('notifies a job that ends while the window is not focused, once it was seen running', () => {
    let emit: (job: Job) => void = () => {};
    let focused = true;
    const show = vi.fn(async () => {});
    const off = watchJobEnds((listener) => ((emit = listener), () => {}), () => focused, show);
    emit(job('succeeded', { id: 'old' })); // ended before this window saw it run
    emit(job('running'));
    focused = false;
    emit(job('running'));
    emit(job('failed', { error: { code: 'RUNSC_FAILED', message: 'runsc checkpoint exited 128.' } }));
    emit(job('failed')); // the same end again: said once
    emit(job('running', { id: 'j2' }));
    focused = true;
    emit(job('succeeded', { id: 'j2' })); // the person is looking: no notification
    expect(show.mock.calls).toEqual([['Checkpoint web-1 failed', 'runsc checkpoint exited 128.']]);
    expect(typeof off).toBe('function');
  });

  it('goes through the desktop shell there', async () => {
    g.deskShell = fakeShell();
    await notify('Checkpoint web-1 succeeded', 'web-1 under /r');
    expect(g.deskShell.notify).toHaveBeenCalledWith({ title: 'Checkpoint web-1 succeeded', body: 'web-1 under /r' });
  });

  it('asks the browser once; after a refusal it never asks again, and shows only when granted', async () => {
    const N = fakeNotification('default', 'denied');
    g.Notification = N;
    askForNotificationsOnce();
    expect(N.requestPermission).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem(ASKED_KEY)).toBe('1');
    await notify('t', 'b');
    expect(N.shown).toEqual([]);
    // A dismissed prompt leaves 'default': still never asked again.
    N.permission = 'default';
    askForNotificationsOnce();
    expect(N.requestPermission).toHaveBeenCalledTimes(1);
    const granted = fakeNotification('granted');
    g.Notification = granted;
    await notify('Restore web-1 succeeded', 'web-1 under /r');
    expect(granted.shown).toEqual([{ title: 'Restore web-1 succeeded', options: { body: 'web-1 under /r' } }]);
  });
});

describe('menu commands', () => {
  it('switch views, refresh what is on screen, and hand Find to the log', () => {
    const state = {
      view: 'images' as const,
      setView: vi.fn(),
      refreshOverview: vi.fn(async () => {}),
      refreshContainers: vi.fn(async () => {}),
      refreshImages: vi.fn(async () => {}),
      refreshJobs: vi.fn(async () => {}),
    };
    runMenuCommand(state, 'view:runtime');
    expect(state.setView).toHaveBeenCalledWith('runtime');
    runMenuCommand(state, 'refresh');
    expect(state.refreshContainers).toHaveBeenCalled();
    expect(state.refreshImages).toHaveBeenCalled();
    expect(state.refreshJobs).not.toHaveBeenCalled();
    const found = vi.fn();
    document.addEventListener(FIND_IN_LOG_EVENT, found);
    runMenuCommand(state, 'find');
    expect(found).toHaveBeenCalledTimes(1);
  });
});
