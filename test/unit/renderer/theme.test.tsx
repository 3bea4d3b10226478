// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THEME_KEY, readTheme } from '../../../renderer/lib/theme';
import { ThemeForm } from '../../../renderer/views/settings/ThemeForm';
import { fakeDesk } from './fake-desk';
import { renderWithStore } from './render';

beforeEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});
afterEach(cleanup);

describe('theme override', () => {
  it('starts from System, and switches <html> at once on each choice', () => {
    const { store } = renderWithStore(<ThemeForm />, fakeDesk());
    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(store.getState().theme).toBe('dark');
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');

    fireEvent.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });

  it('remembers the choice for the next store, and ignores what it does not know', () => {
    localStorage.setItem(THEME_KEY, 'light');
    const { store } = renderWithStore(<ThemeForm />, fakeDesk());
    expect(store.getState().theme).toBe('light');
    act(() => store.getState().setTheme('dark'));
    expect(readTheme()).toBe('dark');
    localStorage.setItem(THEME_KEY, 'sepia');
    expect(readTheme()).toBe('system');
  });
});
