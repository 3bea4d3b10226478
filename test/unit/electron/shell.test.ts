// The desktop shell's own calls and rules, with fakes for Electron's objects: the
// sender check and input bounds, the picker's cancel, reveal of a missing path, a
// notification's click, the theme following the setting, and the window's place.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shellChannel } from '../../../shared/shell-api';
import { isTrustedFrame } from '../../../electron/app-origin';
import { applyStoredTheme, followTheme, themeSourceOf } from '../../../electron/shell/native-theme';
import { shellHandlers, type FocusableWindow, type ShellElectron } from '../../../electron/shell/shell-handlers';
import { registerShellIpc } from '../../../electron/shell/shell-ipc';
import { fitToDisplays, readWindowState, trackWindowState, writeWindowState } from '../../../electron/shell/window-state';
import type { DeskHandlers } from '../../../electron/desk/handlers';

const OURS = { senderFrame: { url: 'app://desk/index.html' } };

function fakeWindow(minimized = false): FocusableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isMinimized: () => minimized,
    isDestroyed: () => false,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
}

function fakeElectron(over: Partial<ShellElectron> = {}) {
  const win = fakeWindow(true);
  const clicks: Array<() => void> = [];
  const electron: ShellElectron & { revealed: string[]; shown: unknown[] } = {
    revealed: [],
    shown: [],
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/srv/images'] })),
    showItemInFolder: (path) => electron.revealed.push(path),
    notificationsSupported: () => true,
    createNotification: (options) => ({
      on: (_event, listener) => clicks.push(listener),
      show: () => electron.shown.push(options),
    }),
    windowOf: () => win,
    mainWindow: () => win,
    ...over,
  };
  return { electron, win, clicks };
}

function ipcWith(electron: ShellElectron, exists = async () => true) {
  const handles = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const dispose = registerShellIpc(
    { handle: (channel, fn) => handles.set(channel, fn as never), removeHandler: (channel) => handles.delete(channel) },
    shellHandlers(electron, exists),
    isTrustedFrame,
  );
  const call = (method: 'pickFolder' | 'reveal' | 'notify', payload: unknown, event: unknown = OURS) => handles.get(shellChannel(method))!(event, payload);
  return { handles, dispose, call };
}

describe('shell calls over IPC', () => {
  it('refuses a page that is not ours, and bad input, before doing anything', async () => {
    const { electron } = fakeElectron();
    const { call } = ipcWith(electron);
    await expect(call('reveal', { path: '/etc' }, { senderFrame: { url: 'https://evil.example/' } })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(call('reveal', { path: '/etc' }, { senderFrame: null })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(call('reveal', { path: 'relative/path' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(call('notify', { title: 'x'.repeat(201), body: '' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(call('pickFolder', { purpose: 'anything' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(electron.revealed).toEqual([]);
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });

  it('picks a folder with a title for its purpose; a cancel answers null', async () => {
    const { electron, win } = fakeElectron();
    const { call } = ipcWith(electron);
    await expect(call('pickFolder', { purpose: 'image-dir', defaultPath: '/srv' })).resolves.toEqual({ ok: true, result: '/srv/images' });
    expect(electron.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ title: 'Choose a folder of checkpoint images', defaultPath: '/srv' }));
    vi.mocked(electron.showOpenDialog).mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(call('pickFolder', { purpose: 'root' })).resolves.toEqual({ ok: true, result: null });
  });

  it('reveals a path that exists, and says so when it is gone', async () => {
    const { electron } = fakeElectron();
    const { call } = ipcWith(electron, async () => false);
    await expect(call('reveal', { path: '/srv/images/web-1' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('/srv/images/web-1') } });
    expect(electron.revealed).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'desk-reveal-'));
    try {
      const real = ipcWith(electron);
      await expect(real.call('reveal', { path: dir })).resolves.toEqual({ ok: true });
      expect(electron.revealed).toEqual([dir]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('shows a notification whose click brings the window forward; none where unsupported', async () => {
    const { electron, win, clicks } = fakeElectron();
    const { call } = ipcWith(electron);
    await expect(call('notify', { title: 'Checkpoint succeeded', body: 'web-1 in 1.2 s' })).resolves.toEqual({ ok: true, result: true });
    expect(electron.shown).toEqual([{ title: 'Checkpoint succeeded', body: 'web-1 in 1.2 s' }]);
    clicks[0]!();
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    const quiet = fakeElectron({ notificationsSupported: () => false });
    await expect(ipcWith(quiet.electron).call('notify', { title: 't', body: '' })).resolves.toEqual({ ok: true, result: false });
    expect(quiet.electron.shown).toEqual([]);
  });

  it('removes its handlers on dispose', () => {
    const { handles, dispose } = ipcWith(fakeElectron().electron);
    expect(handles.size).toBe(3);
    dispose();
    expect(handles.size).toBe(0);
  });
});

describe('nativeTheme', () => {
  it('follows the stored setting and every answered change; other calls pass through', async () => {
    const desk = {
      getSettings: vi.fn(async () => ({ theme: 'dark' })),
      updateSettings: vi.fn(async (r: { theme?: string }) => ({ theme: r.theme })),
      listJobs: vi.fn(async function (this: unknown) {
        return this === desk ? 'bound' : 'unbound';
      }),
    } as unknown as DeskHandlers & { listJobs: () => Promise<string> };
    const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };
    await applyStoredTheme(desk, nativeTheme);
    expect(nativeTheme.themeSource).toBe('dark');
    const wrapped = followTheme(desk, nativeTheme);
    await wrapped.updateSettings({ theme: 'light' } as never);
    expect(nativeTheme.themeSource).toBe('light');
    await expect(wrapped.listJobs()).resolves.toBe('bound');
    expect(themeSourceOf({})).toBe('system');
    expect(themeSourceOf({ theme: 'sepia' as never })).toBe('system');
  });
});

describe('window place', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is saved after moves and on close, and read back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-winstate-'));
    const file = join(dir, 'window-state.json');
    const listeners = new Map<string, () => void>();
    const bounds = { x: 100, y: 50, width: 1400, height: 900 };
    trackWindowState({ getNormalBounds: () => bounds, isMaximized: () => true, on: (e, fn) => listeners.set(e, fn) }, file, 10);
    listeners.get('close')!();
    await vi.waitFor(() => expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds, maximized: true }));
    await expect(readWindowState(file)).resolves.toEqual({ bounds, maximized: true });
    writeFileSync(file, '{"bounds":{"x":"left"}}');
    await expect(readWindowState(file)).resolves.toBeNull();
    await expect(readWindowState(join(dir, 'none.json'))).resolves.toBeNull();
    await writeWindowState(join(dir, 'no', 'such', 'dir.json'), { bounds, maximized: false }); // warns, does not throw
  });

  it('is used only on a display that is still there, and fitted to it', () => {
    const laptop = { x: 0, y: 0, width: 1366, height: 740 };
    const monitor = { x: 1366, y: 0, width: 2560, height: 1400 };
    const onMonitor = { bounds: { x: 1500, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(fitToDisplays(onMonitor, [laptop, monitor])).toEqual(onMonitor);
    // The monitor was unplugged: the default place, not an unreachable window.
    expect(fitToDisplays(onMonitor, [laptop])).toBeNull();
    // Bigger than the display it is on: clamped, never below the minimum size.
    expect(fitToDisplays({ bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false }, [laptop])!.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 740 });
    // A title bar above the top of every display cannot be grabbed.
    expect(fitToDisplays({ bounds: { x: 10, y: -500, width: 1000, height: 600 }, maximized: false }, [laptop])).toBeNull();
    expect(fitToDisplays(null, [laptop])).toBeNull();
  });
});
