import type { StateCreator } from 'zustand/vanilla';
import { applyTheme, readTheme, saveTheme } from '../lib/theme';
import type { ActionsSlice, DeskState, UiSlice } from './types';

export const createUiSlice: StateCreator<DeskState, [], [], UiSlice & ActionsSlice> = (set, get) => ({
  view: 'containers',
  setView: (view) => set({ view }),
  theme: readTheme(),
  setTheme: (theme) => {
    applyTheme(theme);
    saveTheme(theme);
    set({ theme });
  },
  pending: {},
  actionErrors: {},
  clearActionError: (name) => set({ actionErrors: { ...get().actionErrors, [name]: null } }),
});
