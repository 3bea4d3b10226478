// The restore dialog: the image it restores, the shared plan-then-submit steps bound
// to planRestore and restore, and the way to the container it brought back.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { LogStore } from '../logs/log-store';
import { freshPlanDialog, planDialog } from './plan-slice';
import { EMPTY_RESTORE_FORM, toRestoreRequest } from './restore-request';
import type { DeskState, RestoreSlice } from './types';

export const createRestoreSlice =
  (api: DeskApi, logs: LogStore): StateCreator<DeskState, [], [], RestoreSlice> =>
  (set, get) => {
    const dialog = planDialog({
      read: () => get().restore,
      write: (restore) => set({ restore }),
      toRequest: (d) => toRestoreRequest(d.image.path, d.form),
      plan: (request) => api.planRestore(request),
      start: (request) => api.restore(request),
      // What the form leaves empty the plan resolved; the typed fields win.
      started: (d, request) => ({
        restored: {
          root: request.root ?? d.plan?.resolved.root ?? '',
          id: request.id ?? d.plan?.resolved.id ?? '',
        },
      }),
      openLog: (jobId) => logs.open(jobId),
      readJob: async (jobId) => get().applyJob(await api.getJob({ jobId }), 'read'),
    });

    return {
      restore: null,
      openRestore: (image) => dialog.open({ ...freshPlanDialog(EMPTY_RESTORE_FORM), image, restored: null }),
      closeRestore: dialog.close,
      setRestoreForm: dialog.edit,
      planRestoreNow: dialog.planNow,
      submitRestore: dialog.submit,

      showRestoredContainer() {
        const current = get().restore;
        const job = current?.jobId ? get().jobs.find((j) => j.id === current.jobId) : undefined;
        // The plan's resolved root and id, as submitted; the job's target says the same.
        const target = current?.restored?.id ? current.restored : job?.target;
        get().closeRestore();
        set({ view: 'containers' });
        if (!target?.id) return;
        void get().refreshContainers();
        void get().selectContainer({ root: target.root, id: target.id });
      },
    };
  };
