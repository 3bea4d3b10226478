// Images: the listing of every image dir, how the table sorts and filters it, and the
// image whose details are open. The listing follows finished jobs, so a checkpoint
// shows up here without a refresh.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import { isFinished } from '../lib/job-status';
import { nextSort } from '../lib/filter-images';
import { latestOnly } from './latest';
import { runAction, toErrorShape } from './run-action';
import type { DeskState, ImagesSlice } from './types';

export const createImagesSlice =
  (api: DeskApi): StateCreator<DeskState, [], [], ImagesSlice> =>
  (set, get, store) => {
    const listTicket = latestOnly();
    const detailsTicket = latestOnly();
    /** Jobs whose end was already taken: a job may send more than one finished update. */
    const seenFinished = new Set<string>();

    /** Reads the open image again without blanking the panel: after a job, nothing moved. */
    async function reinspect(path: string) {
      const isCurrent = detailsTicket();
      try {
        const details = await api.inspectImage({ path });
        if (isCurrent() && get().selectedImage === path) set({ imageDetails: details, imageDetailsError: null });
      } catch {
        // The panel keeps what it showed; a deleted image says so on its own.
      }
    }

    return {
      images: null,
      imagesLoading: false,
      imagesError: null,
      imageSort: { key: 'created', dir: 'desc' },
      imageSearch: '',
      imageFilter: 'all',
      selectedImage: null,
      imageDetails: null,
      imageDetailsLoading: false,
      imageDetailsError: null,

      async refreshImages() {
        const isCurrent = listTicket();
        set({ imagesLoading: true });
        try {
          const images = await api.listImages({});
          if (isCurrent()) set({ images, imagesLoading: false, imagesError: null });
        } catch (error) {
          if (isCurrent()) set({ imagesLoading: false, imagesError: toErrorShape(error) });
        }
      },

      sortImagesBy: (key) => set({ imageSort: nextSort(get().imageSort, key) }),
      setImageSearch: (imageSearch) => set({ imageSearch }),
      setImageFilter: (imageFilter) => set({ imageFilter }),

      async selectImage(path) {
        const isCurrent = detailsTicket();
        // A deletion's result belongs to the image it was asked for.
        if (get().imageDelete?.path !== path) get().clearImageDelete();
        if (!path) {
          set({ selectedImage: null, imageDetails: null, imageDetailsLoading: false, imageDetailsError: null });
          return;
        }
        set({ selectedImage: path, imageDetails: null, imageDetailsLoading: true, imageDetailsError: null });
        try {
          const details = await api.inspectImage({ path });
          if (isCurrent()) set({ imageDetails: details, imageDetailsLoading: false });
        } catch (error) {
          if (isCurrent()) set({ imageDetailsLoading: false, imageDetailsError: toErrorShape(error) });
        }
      },

      addImageDir: (path) =>
        runAction(store, 'addImageDir', async () => {
          listTicket(); // an older listing must not undo this one
          set({ images: await api.addImageDir({ path }), imagesError: null });
        }),

      removeImageDir: (path) =>
        runAction(store, 'removeImageDir', async () => {
          listTicket();
          set({ images: await api.removeImageDir({ path }), imagesError: null });
        }),

      imagesAfterJob(job) {
        if (!isFinished(job.status) || seenFinished.has(job.id)) return;
        seenFinished.add(job.id);
        // Nobody has looked at images yet: the first look reads them anyway.
        if (get().images !== null || get().imagesLoading) void get().refreshImages();
        const open = get().selectedImage;
        if (open && get().imageDelete?.path !== open) void reinspect(open);
      },
    };
  };
