// What the desktop shell can do that a browser tab cannot, with the headless shell's
// fallback for each: the native folder picker (else the server-side FolderBrowser),
// reveal in the file manager (else no button), a notification when a job ends while
// the window is not focused (else the browser's Notification, once the person allows
// it), and the application menu's commands. Views ask here; none knows which shell.
import { useEffect } from 'react';
import { FINISHED_STATUSES, type Job } from '../../shared/jobs';
import type { DeskShell, FolderPurpose, MenuCommand } from '../../shared/shell-api';
import type { DeskState, ViewName } from '../state/types';
import { useDeskStore } from '../store-context';

/** The preload's `window.deskShell`, when this page runs in the desktop shell. */
export function desktopShell(): DeskShell | null {
  return (globalThis as { deskShell?: DeskShell }).deskShell ?? null;
}

/** Whether a native folder picker replaces the server-side browser. */
export const hasNativePicker = (): boolean => desktopShell() !== null;

/** Whether "Reveal in file manager" can be offered: only the desktop shell has one. */
export const canReveal = (): boolean => desktopShell() !== null;

/** The native picker's folder; null when cancelled or where there is none. */
export async function pickFolder(purpose: FolderPurpose, defaultPath?: string): Promise<string | null> {
  const shell = desktopShell();
  if (!shell) return null;
  return shell.pickFolder(defaultPath ? { purpose, defaultPath } : { purpose });
}

export async function reveal(path: string): Promise<void> {
  await desktopShell()?.reveal({ path });
}

// --- Notifications -------------------------------------------------------------

/** Set once the browser was asked, so a refusal (or a dismissed prompt) is never asked again. */
export const ASKED_KEY = 'checkpoint-desk.notifications-asked';

type BrowserNotifications = Pick<typeof Notification, 'permission' | 'requestPermission'> & (new (title: string, options?: { body?: string }) => unknown);

function browserNotifications(): BrowserNotifications | null {
  return (globalThis as { Notification?: BrowserNotifications }).Notification ?? null;
}

function askedBefore(): boolean {
  try {
    return globalThis.localStorage?.getItem(ASKED_KEY) === '1';
  } catch {
    return true; // storage refused: asking on every launch would be nagging
  }
}

/**
 * The headless shell asks the browser once, when the person starts their first job
 * here; after a refusal or a dismissed prompt it never asks again.
 */
export function askForNotificationsOnce(): void {
  if (desktopShell()) return;
  const N = browserNotifications();
  if (!N || N.permission !== 'default' || askedBefore()) return;
  try {
    globalThis.localStorage?.setItem(ASKED_KEY, '1');
  } catch {
    // Asked this once all the same.
  }
  void N.requestPermission().catch(() => {});
}

/** A system notification: the shell's, or the browser's where allowed; nothing otherwise. */
export async function notify(title: string, body: string): Promise<void> {
  const shell = desktopShell();
  if (shell) {
    await shell.notify({ title, body });
    return;
  }
  const N = browserNotifications();
  if (N?.permission === 'granted') new N(title, { body });
}

const VERB: Record<string, string> = { succeeded: 'succeeded', failed: 'failed', cancelled: 'was cancelled', interrupted: 'was interrupted' };

/** "Checkpoint web-1 succeeded", and the error's first words when it failed. */
export function jobEndMessage(job: Job): { title: string; body: string } {
  const title = `${job.title} ${VERB[job.status] ?? job.status}`;
  const body = job.status === 'failed' && job.error ? job.error.message.slice(0, 300) : `${job.target.id} under ${job.target.root}`;
  return { title, body };
}

/**
 * Watches jobs end. A job seen running in this window that finishes while the window
 * is not focused gets a notification; one already finished when first seen does not.
 */
export function watchJobEnds(
  on: (listener: (job: Job) => void) => () => void,
  focused: () => boolean = () => globalThis.document?.hasFocus() ?? true,
  show: (title: string, body: string) => Promise<void> = notify,
): () => void {
  const running = new Set<string>();
  return on((job) => {
    if (!FINISHED_STATUSES.includes(job.status)) {
      if (!running.has(job.id)) {
        running.add(job.id);
        if (focused()) askForNotificationsOnce();
      }
      return;
    }
    if (!running.delete(job.id) || focused()) return;
    const { title, body } = jobEndMessage(job);
    void show(title, body).catch((error: unknown) => console.error('Checkpoint Desk: could not show a notification', error));
  });
}

// --- The application menu ------------------------------------------------------

/** The log panels listen for this: the menu's Find in Log took Ctrl+F from the page. */
export const FIND_IN_LOG_EVENT = 'desk:find-in-log';

const VIEWS: Partial<Record<MenuCommand, ViewName>> = {
  'view:containers': 'containers',
  'view:images': 'images',
  'view:jobs': 'jobs',
  'view:runtime': 'runtime',
  'view:settings': 'settings',
};

/** The app's part of the desktop: menu commands and job-end notifications. Called once, by App. */
export function useDesktopIntegration(): void {
  const store = useDeskStore();

  useEffect(() => watchJobEnds((listener) => store.api.on('job:update', listener)), [store]);

  useEffect(() => {
    const shell = desktopShell();
    if (!shell) return;
    return shell.onMenu((command) => runMenuCommand(store.getState(), command));
  }, [store]);
}

type MenuTarget = Pick<DeskState, 'view' | 'setView' | 'refreshOverview' | 'refreshContainers' | 'refreshImages' | 'refreshJobs'>;

/** What a menu command does: a view, a refresh of what is on screen, or the log's search. */
export function runMenuCommand(state: MenuTarget, command: MenuCommand): void {
  const view = VIEWS[command];
  if (view) return state.setView(view);
  if (command === 'find') {
    document.dispatchEvent(new CustomEvent(FIND_IN_LOG_EVENT));
    return;
  }
  void state.refreshOverview();
  void state.refreshContainers();
  if (state.view === 'images') void state.refreshImages();
  if (state.view === 'jobs') void state.refreshJobs();
}
