// The renderer's one store. It takes its DeskApi from the caller, so tests hand it a
// fake; the app uses getDeskStore(), bound to getDesk().
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskApi } from '../shared/api';
import { getDesk } from './api';
import { LogStore, type LogStoreOptions } from './logs/log-store';
import { createCheckpointSlice } from './state/checkpoint-slice';
import { createContainersSlice } from './state/containers-slice';
import { createDeleteSlice } from './state/delete-slice';
import { createImagesSlice } from './state/images-slice';
import { createJobsSlice } from './state/jobs-slice';
import { createNoticesSlice } from './state/notices-slice';
import { createOverviewSlice } from './state/overview-slice';
import { createRestoreSlice } from './state/restore-slice';
import type { DeskState } from './state/types';
import { createUiSlice } from './state/ui-slice';

export type * from './state/types';

export type DeskStore = StoreApi<DeskState> & {
  api: DeskApi;
  /** Job log lines: outside the state, so a busy log re-renders only the rows in view. */
  logs: LogStore;
  /** Drops the event listeners; for tests and hot reload. */
  dispose(): void;
};

export function createDeskStore(api: DeskApi, logOptions?: LogStoreOptions): DeskStore {
  const logs = new LogStore(api, logOptions);
  const store = createStore<DeskState>()((...a) => ({
    ...createOverviewSlice(api)(...a),
    ...createContainersSlice(api)(...a),
    ...createUiSlice(...a),
    ...createJobsSlice(api)(...a),
    ...createNoticesSlice(...a),
    ...createCheckpointSlice(api, logs)(...a),
    ...createImagesSlice(api)(...a),
    ...createRestoreSlice(api, logs)(...a),
    ...createDeleteSlice(api)(...a),
  }));
  // Registered once per store, never from a component: the service pushes a full
  // listing and whole jobs, so the store only has to take them.
  const off = [
    // Another host's listing (it names its host) is for the views that show that host.
    api.on('containers:changed', (list) => {
      if (!list.host || list.host === 'local') store.getState().applyContainerList(list);
    }),
    api.on('job:update', (job) => {
      store.getState().applyJob(job, 'event');
      // A checkpoint, restore or delete that ended changed what the image dirs hold.
      store.getState().imagesAfterJob(job);
    }),
    api.on('job:log', (event) => logs.take(event)),
  ];
  const dispose = () => off.forEach((fn) => fn());
  return Object.assign(store, { api, logs, dispose });
}

let defaultStore: DeskStore | undefined;

/**
 * The app's store, bound to getDesk(). Made on first use rather than at import, so
 * importing this module (in a test, say) opens no socket.
 */
export function getDeskStore(): DeskStore {
  defaultStore ??= createDeskStore(getDesk());
  return defaultStore;
}
