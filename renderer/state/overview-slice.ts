// The runtime facts, the roots and the settings: what changes when a person edits
// Settings, as opposed to what runsc reports about containers.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { RootInfo } from '../../shared/model';
import { latestOnly } from './latest';
import { runAction, toErrorShape } from './run-action';
import type { DeskState, OverviewSlice } from './types';

export const createOverviewSlice =
  (api: DeskApi): StateCreator<DeskState, [], [], OverviewSlice> =>
  (set, get, store) => {
    const overviewTicket = latestOnly();
    const settingsTicket = latestOnly();

    const takeRoots = (roots: RootInfo[]) => {
      const overview = get().overview;
      if (overview) set({ overview: { ...overview, roots } });
    };
    // A root changed: its counts, errors and containers all follow from a fresh look.
    const refreshAll = () => Promise.all([get().refreshOverview(), get().refreshContainers()]);

    return {
      overview: null,
      overviewLoading: false,
      overviewError: null,
      settings: null,
      settingsLoading: false,
      settingsError: null,

      async refreshOverview() {
        const isCurrent = overviewTicket();
        set({ overviewLoading: true });
        try {
          const overview = await api.getOverview({});
          if (isCurrent()) set({ overview, overviewLoading: false, overviewError: null });
        } catch (error) {
          if (isCurrent()) set({ overviewLoading: false, overviewError: toErrorShape(error) });
        }
      },

      async loadSettings() {
        const isCurrent = settingsTicket();
        set({ settingsLoading: true });
        try {
          const settings = await api.getSettings({});
          if (isCurrent()) set({ settings, settingsLoading: false, settingsError: null });
        } catch (error) {
          if (isCurrent()) set({ settingsLoading: false, settingsError: toErrorShape(error) });
        }
      },

      addRoot: (path, globalFlags) =>
        runAction(store, 'addRoot', async () => {
          takeRoots(await api.addRoot({ path, globalFlags }));
          await refreshAll();
        }),

      removeRoot: (path) =>
        runAction(store, 'removeRoot', async () => {
          takeRoots(await api.removeRoot({ path }));
          await refreshAll();
        }),

      updateSettings: (patch) =>
        runAction(store, 'updateSettings', async () => {
          settingsTicket(); // an older getSettings answer must not undo this one
          set({ settings: await api.updateSettings(patch), settingsError: null });
          // Another runsc or privilege mode can see other containers.
          await refreshAll();
        }),
    };
  };
