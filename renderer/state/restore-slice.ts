// The restore dialog: the image it restores, its form, the live plan behind the
// command preview, the submit, and then the job it started. Same shape as checkpoint.
import type { StateCreator } from 'zustand/vanilla';
import type { DeskApi } from '../../shared/api';
import type { LogStore } from '../logs/log-store';
import { PLAN_DEBOUNCE_MS } from './checkpoint-slice';
import { latestOnly } from './latest';
import { EMPTY_RESTORE_FORM, toRestoreRequest } from './restore-request';
import { toErrorShape } from './run-action';
import type { DeskState, RestoreDialog, RestoreSlice } from './types';

export const createRestoreSlice =
  (api: DeskApi, logs: LogStore): StateCreator<DeskState, [], [], RestoreSlice> =>
  (set, get) => {
    const planTicket = latestOnly();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const stopTimer = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const patch = (p: Partial<RestoreDialog>) => {
      const current = get().restore;
      if (current) set({ restore: { ...current, ...p } });
    };

    return {
      restore: null,

      openRestore(image) {
        stopTimer();
        set({
          restore: {
            image,
            form: { ...EMPTY_RESTORE_FORM },
            plan: null,
            planError: null,
            planning: false,
            submitting: false,
            submitError: null,
            jobId: null,
            restored: null,
          },
        });
        // The record's defaults and the command show before anything is typed.
        void get().planRestoreNow();
      },

      closeRestore() {
        stopTimer();
        planTicket(); // an answer still on its way belongs to no dialog
        set({ restore: null });
      },

      setRestoreForm(edit) {
        const current = get().restore;
        if (!current || current.jobId) return;
        set({ restore: { ...current, form: { ...current.form, ...edit }, submitError: null } });
        stopTimer();
        timer = setTimeout(() => {
          timer = undefined;
          void get().planRestoreNow();
        }, PLAN_DEBOUNCE_MS);
      },

      async planRestoreNow() {
        stopTimer();
        const current = get().restore;
        if (!current || current.jobId) return;
        const isCurrent = planTicket();
        patch({ planning: true });
        try {
          const plan = await api.planRestore(toRestoreRequest(current.image.path, current.form));
          if (isCurrent()) patch({ plan, planError: null, planning: false });
        } catch (error) {
          if (isCurrent()) patch({ planError: toErrorShape(error), planning: false });
        }
      },

      async submitRestore() {
        const current = get().restore;
        if (!current || current.submitting || current.jobId) return false;
        stopTimer();
        planTicket(); // the plan shown is for this form; a late one must not replace it
        patch({ submitting: true, submitError: null, planning: false });
        const request = toRestoreRequest(current.image.path, current.form);
        // What the form leaves empty the plan resolved; the typed fields win.
        const resolved = current.plan?.resolved;
        const restored = {
          root: request.root ?? resolved?.root ?? '',
          id: request.id ?? resolved?.id ?? '',
        };
        try {
          const { jobId } = await api.restore(request);
          // Opened before anything renders, so no job:log line is dropped.
          logs.open(jobId);
          if (get().restore?.image === current.image) patch({ submitting: false, jobId, restored });
          try {
            get().applyJob(await api.getJob({ jobId }), 'read');
          } catch {
            // job:update events bring it as well.
          }
          return true;
        } catch (error) {
          if (get().restore?.image !== current.image) return false;
          patch({ submitting: false, submitError: toErrorShape(error) });
          // The refusal may be news to the plan too (the id was taken meanwhile).
          void get().planRestoreNow();
          return false;
        }
      },

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
