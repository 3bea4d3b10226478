// The stack of notices in the top-right corner. Failures stay until a person dismisses
// them: a checkpoint that failed while nobody looked must still be seen.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskState, NoticesSlice } from './types';

export const createNoticesSlice: StateCreator<DeskState, [], [], NoticesSlice> = (set, get) => {
  let counter = 0;
  return {
    notices: [],
    pushNotice(notice, autoDismissMs) {
      const id = `notice-${++counter}`;
      set({ notices: [...get().notices, { ...notice, id }] });
      if (autoDismissMs !== undefined && notice.tone !== 'error') {
        setTimeout(() => get().dismissNotice(id), autoDismissMs);
      }
      return id;
    },
    dismissNotice(id) {
      if (get().notices.some((n) => n.id === id)) set({ notices: get().notices.filter((n) => n.id !== id) });
    },
  };
};
