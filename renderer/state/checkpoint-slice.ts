// The checkpoint dialog: which container, whether it has a GPU, and the shared
// plan-then-submit steps bound to planCheckpoint and checkpoint.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { LogStore } from '../logs/log-store';
import { EMPTY_FORM, toCheckpointRequest } from './checkpoint-request';
import { freshPlanDialog, planDialog } from './plan-slice';
import type { CheckpointSlice, ContainerRef, DeskState } from './types';

/** Whether the listing (or the open details) says the target is a GPU container. */
function isGpu(state: DeskState, target: ContainerRef): boolean {
  const same = (c: { root: string; id: string }) => c.root === target.root && c.id === target.id;
  const listed = state.containers?.containers.find(same);
  if (listed) return listed.gpu;
  const open = state.details?.container;
  return open !== undefined && same(open) ? open.gpu : false;
}

export const createCheckpointSlice =
  (api: DeskApi, logs: LogStore): StateCreator<DeskState, [], [], CheckpointSlice> =>
  (set, get) => {
    const dialog = planDialog({
      read: () => get().checkpoint,
      write: (checkpoint) => set({ checkpoint }),
      toRequest: (d) => toCheckpointRequest(d.target, d.form, d.gpu),
      plan: (request) => api.planCheckpoint(request),
      start: (request) => api.checkpoint(request),
      openLog: (jobId) => logs.open(jobId),
      readJob: async (jobId) => get().applyJob(await api.getJob({ jobId }), 'read'),
    });

    return {
      checkpoint: null,
      openCheckpoint: (target, form) => dialog.open({ ...freshPlanDialog({ ...EMPTY_FORM, ...form }), target, gpu: isGpu(get(), target) }),
      closeCheckpoint: dialog.close,
      setCheckpointForm: dialog.edit,
      planCheckpointNow: dialog.planNow,
      submitCheckpoint: dialog.submit,
    };
  };
