// The checkpoint dialog: its form, the live plan behind the command preview, the
// submit, and then the job it started.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { LogStore } from '../logs/log-store';
import { EMPTY_FORM, toCheckpointRequest } from './checkpoint-request';
import { latestOnly } from './latest';
import { toErrorShape } from './run-action';
import type { CheckpointDialog, CheckpointSlice, ContainerRef, DeskState } from './types';

/** Whether the listing (or the open details) says the target is a GPU container. */
function isGpu(state: DeskState, target: ContainerRef): boolean {
  const same = (c: { root: string; id: string }) => c.root === target.root && c.id === target.id;
  const listed = state.containers?.containers.find(same);
  if (listed) return listed.gpu;
  const open = state.details?.container;
  return open !== undefined && same(open) ? open.gpu : false;
}

/** Long enough to skip the keystrokes in a word, short enough to feel live. */
export const PLAN_DEBOUNCE_MS = 200;

export const createCheckpointSlice =
  (api: DeskApi, logs: LogStore): StateCreator<DeskState, [], [], CheckpointSlice> =>
  (set, get) => {
    const planTicket = latestOnly();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const stopTimer = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const patch = (p: Partial<CheckpointDialog>) => {
      const current = get().checkpoint;
      if (current) set({ checkpoint: { ...current, ...p } });
    };

    return {
      checkpoint: null,

      openCheckpoint(target) {
        stopTimer();
        set({
          checkpoint: {
            target,
            gpu: isGpu(get(), target),
            form: { ...EMPTY_FORM },
            plan: null,
            planError: null,
            planning: false,
            submitting: false,
            submitError: null,
            jobId: null,
          },
        });
        // The default image path and the command show before anything is typed.
        void get().planCheckpointNow();
      },

      closeCheckpoint() {
        stopTimer();
        planTicket(); // an answer still on its way belongs to no dialog
        set({ checkpoint: null });
      },

      setCheckpointForm(edit) {
        const current = get().checkpoint;
        if (!current || current.jobId) return;
        set({ checkpoint: { ...current, form: { ...current.form, ...edit }, submitError: null } });
        stopTimer();
        timer = setTimeout(() => {
          timer = undefined;
          void get().planCheckpointNow();
        }, PLAN_DEBOUNCE_MS);
      },

      async planCheckpointNow() {
        stopTimer();
        const current = get().checkpoint;
        if (!current || current.jobId) return;
        const isCurrent = planTicket();
        patch({ planning: true });
        try {
          const plan = await api.planCheckpoint(toCheckpointRequest(current.target, current.form, current.gpu));
          if (isCurrent()) patch({ plan, planError: null, planning: false });
        } catch (error) {
          if (isCurrent()) patch({ planError: toErrorShape(error), planning: false });
        }
      },

      async submitCheckpoint() {
        const current = get().checkpoint;
        if (!current || current.submitting || current.jobId) return false;
        stopTimer();
        planTicket(); // the plan shown is for this form; a late one must not replace it
        patch({ submitting: true, submitError: null, planning: false });
        try {
          const { jobId } = await api.checkpoint(toCheckpointRequest(current.target, current.form, current.gpu));
          // Opened before anything renders, so no job:log line is dropped.
          logs.open(jobId);
          if (get().checkpoint?.target === current.target) patch({ submitting: false, jobId });
          try {
            get().applyJob(await api.getJob({ jobId }), 'read');
          } catch {
            // job:update events bring it as well.
          }
          return true;
        } catch (error) {
          if (get().checkpoint?.target !== current.target) return false;
          patch({ submitting: false, submitError: toErrorShape(error) });
          // The refusal may be news to the plan too (the container stopped meanwhile).
          void get().planCheckpointNow();
          return false;
        }
      },
    };
  };
