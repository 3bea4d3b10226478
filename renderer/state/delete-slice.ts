// Deleting an image: the service removes only what it knows is image content and
// answers with what it kept, which the details panel shows after the fact.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import { toErrorShape } from './run-action';
import type { DeleteSlice, DeskState } from './types';

export const createDeleteSlice =
  (api: DeskApi): StateCreator<DeskState, [], [], DeleteSlice> =>
  (set, get) => ({
    imageDelete: null,

    async deleteImage(path) {
      if (get().imageDelete?.pending) return false;
      set({ imageDelete: { path, pending: true, result: null, error: null } });
      const still = () => get().imageDelete?.path === path;
      try {
        const result = await api.deleteImage({ path });
        if (still()) set({ imageDelete: { path, pending: false, result, error: null } });
        await get().refreshImages();
        return true;
      } catch (error) {
        if (still()) set({ imageDelete: { path, pending: false, result: null, error: toErrorShape(error) } });
        return false;
      }
    },

    clearImageDelete() {
      if (get().imageDelete) set({ imageDelete: null });
    },
  });
