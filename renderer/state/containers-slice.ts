// Containers as runsc lists them, the filter over them, and the one that is open.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { ContainerList } from '../../shared/model';
import { latestOnly } from './latest';
import { runAction, toErrorShape } from './run-action';
import type { ContainersSlice, DeskState } from './types';

const rootKey = (list: ContainerList) => list.roots.map((r) => r.root).join('\n');

export const createContainersSlice =
  (api: DeskApi): StateCreator<DeskState, [], [], ContainersSlice> =>
  (set, get, store) => {
    const listTicket = latestOnly();
    const detailsTicket = latestOnly();

    return {
      containers: null,
      containersLoading: false,
      containersError: null,
      filter: { search: '', show: 'all' },
      selected: null,
      details: null,
      detailsLoading: false,
      detailsError: null,

      async refreshContainers() {
        const isCurrent = listTicket();
        set({ containersLoading: true });
        try {
          const list = await api.listContainers({});
          if (!isCurrent()) return;
          set({ containersLoading: false });
          get().applyContainerList(list);
        } catch (error) {
          if (isCurrent()) set({ containersLoading: false, containersError: toErrorShape(error) });
        }
      },

      applyContainerList(list) {
        const current = get().containers;
        if (current && current.at > list.at) return;
        set({ containers: list, containersError: null });
        // A root appeared or went away (docker started, a root was added elsewhere):
        // the overview holds its source and flags.
        if (current && rootKey(current) !== rootKey(list)) void get().refreshOverview();
      },

      setFilter(patch) {
        set({ filter: { ...get().filter, ...patch } });
      },

      async selectContainer(ref) {
        const isCurrent = detailsTicket();
        if (!ref) {
          set({ selected: null, details: null, detailsLoading: false, detailsError: null });
          return;
        }
        set({ selected: ref, details: null, detailsLoading: true, detailsError: null });
        try {
          const details = await api.getContainer(ref);
          if (isCurrent()) set({ details, detailsLoading: false });
        } catch (error) {
          if (isCurrent()) set({ detailsLoading: false, detailsError: toErrorShape(error) });
        }
      },

      startDemo: () =>
        runAction(store, 'startDemo', async () => {
          await api.startDemo({});
          // The sample may live in a root the Desk just created.
          await Promise.all([get().refreshContainers(), get().refreshOverview()]);
        }),

      stopContainer: (ref) =>
        runAction(store, 'stopContainer', async () => {
          await api.stopContainer(ref);
          const open = get().selected;
          if (open && open.root === ref.root && open.id === ref.id) await get().selectContainer(null);
          await get().refreshContainers();
        }),
    };
  };
