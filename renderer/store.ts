// The renderer's one store. It takes its DeskApi from the caller, so tests hand it a
// fake; the app uses getDeskStore(), bound to getDesk().
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeskApi } from '../shared/api';
import { getDesk } from './api';
import { createContainersSlice } from './state/containers-slice';
import { createOverviewSlice } from './state/overview-slice';
import type { DeskState } from './state/types';
import { createUiSlice } from './state/ui-slice';

export type * from './state/types';

export type DeskStore = StoreApi<DeskState> & {
  api: DeskApi;
  /** Drops the event listener; for tests and hot reload. */
  dispose(): void;
};

export function createDeskStore(api: DeskApi): DeskStore {
  const store = createStore<DeskState>()((...a) => ({
    ...createOverviewSlice(api)(...a),
    ...createContainersSlice(api)(...a),
    ...createUiSlice(...a),
  }));
  // Registered once per store, never from a component: the service pushes a full
  // listing, so the store only has to take it.
  const dispose = api.on('containers:changed', (list) => store.getState().applyContainerList(list));
  return Object.assign(store, { api, dispose });
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
