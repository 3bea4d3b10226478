// What the app asks for when it opens. The first screen is the containers list, so it is
// asked for first and alone: on a small machine the service's first getOverview probes
// every runsc binary (a dozen spawns) and listImages reads every image's header, and
// asked at the same moment they took the cores runsc list needed (a 2-core machine
// painted the list after ~3 s, against ~0.15 s for the list alone). The rest follows
// as soon as the list answers, or after a head start should runsc be slow to answer.
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from './types';

export const LIST_HEAD_START_MS = 1000;

const opened = new WeakMap<StoreApi<DeskState>, Promise<void>>();

/**
 * Loads the first screen's data once per store: main.tsx calls it before React's first
 * render (the request leaves while the page is still drawing), and App's mount calls it
 * again, which is then the same promise.
 */
export function openFirstScreen(store: StoreApi<DeskState>, headStartMs = LIST_HEAD_START_MS): Promise<void> {
  let pending = opened.get(store);
  if (!pending) {
    const state = store.getState();
    const list = state.refreshContainers();
    const headStart = new Promise<void>((resolve) => setTimeout(resolve, headStartMs));
    pending = Promise.race([list, headStart]).then(async () => {
      const now = store.getState();
      // Rows offer Restore from their images, and show the jobs running on them.
      await Promise.all([now.refreshOverview(), now.refreshImages(), now.refreshJobs(), list]);
    });
    opened.set(store, pending);
  }
  return pending;
}
