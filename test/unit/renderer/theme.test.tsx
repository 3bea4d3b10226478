// @vitest-environment happy-dom
// The theme override lives in the service's settings: loaded at start, applied to
// <html> at once on a choice, and sent with updateSettings (never localStorage).
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTheme, readTheme, themeOf, useServiceTheme } from '../../../renderer/lib/theme';
import { ThemeForm } from '../../../renderer/views/settings/ThemeForm';
import { fakeDesk } from './fake-desk';
import { renderWithStore } from './render';

function Themed() {
  useServiceTheme();
  return <ThemeForm />;
}

beforeEach(() => {
  localStorage.clear();
  applyTheme('system');
});
afterEach(cleanup);

describe('theme override', () => {
  it('starts from the service\'s setting, and switches <html> at once on each choice, saving it there', async () => {
    const desk = fakeDesk();
    const settings = await desk.getSettings({});
    desk.calls.getSettings.mockResolvedValue({ ...settings, theme: 'dark' });
    desk.calls.updateSettings.mockImplementation(async (r: unknown) => ({ ...settings, ...(r as object) }) as never);
    const { store } = renderWithStore(<Themed />, desk);
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(store.getState().theme).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    // Taking the service's value does not send it back.
    expect(desk.updateSettings).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(desk.updateSettings).toHaveBeenLastCalledWith({ theme: 'light' });
    expect(store.getState().theme).toBe('light');

    fireEvent.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(desk.updateSettings).toHaveBeenLastCalledWith({ theme: 'system' });
    expect(readTheme()).toBe('system');
    expect(localStorage.length).toBe(0);
  });

  it("keeps a choice made here when an older settings answer arrives after it, then follows the service again", async () => {
    const desk = fakeDesk();
    const settings = await desk.getSettings({});
    desk.calls.updateSettings.mockImplementation(async (r: unknown) => ({ ...settings, ...(r as object) }) as never);
    const { store } = renderWithStore(<Themed />, desk);
    await waitFor(() => expect(store.getState().settings).not.toBeNull());
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    // The answer to a load asked for before the click: still the old theme.
    act(() => store.setState({ settings: { ...settings, theme: 'system' } }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);
    // The service shows the choice back; from then on its changes (another window's) apply.
    act(() => store.setState({ settings: { ...settings, theme: 'dark' } }));
    act(() => store.setState({ settings: { ...settings, theme: 'light' } }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(store.getState().theme).toBe('light');
  });

  it('takes a later settings answer, and reads an older settings file or a bad value as system', async () => {
    const desk = fakeDesk();
    const { store } = renderWithStore(<Themed />, desk);
    await waitFor(() => expect(store.getState().settings).not.toBeNull());
    expect(store.getState().theme).toBe('system');
    act(() => store.setState({ settings: { ...store.getState().settings!, theme: 'light' } }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(themeOf({})).toBe('system');
    expect(themeOf({ theme: 'sepia' })).toBe('system');
    expect(themeOf(null)).toBe('system');
  });
});
