import type { StateCreator } from 'zustand/vanilla';
import type { ActionsSlice, DeskState, UiSlice } from './types';

export const createUiSlice: StateCreator<DeskState, [], [], UiSlice & ActionsSlice> = (set, get) => ({
  view: 'containers',
  setView: (view) => set({ view }),
  pending: {},
  actionErrors: {},
  clearActionError: (name) => set({ actionErrors: { ...get().actionErrors, [name]: null } }),
});
