// What the checkpoint and the restore dialog do alike: plan while the form is typed
// (after a pause, newest answer only), submit, and from then on follow the job.
// Each dialog's slice says only what it plans, how it submits, and where it lives.
import type { DeskErrorShape } from '../../shared/errors';
import { latestOnly } from './latest';
import { toErrorShape } from './run-action';

/** Long enough to skip the keystrokes in a word, short enough to feel live. */
export const PLAN_DEBOUNCE_MS = 200;

/** What every plan-then-submit dialog holds, whatever it plans. */
export interface PlanDialog<Form extends object, Plan> {
  form: Form;
  /** The answer to the newest plan call; kept while a newer one is asked. */
  plan: Plan | null;
  /** The plan call itself refused the request (e.g. INVALID_INPUT at a field). */
  planError: DeskErrorShape | null;
  planning: boolean;
  submitting: boolean;
  submitError: DeskErrorShape | null;
  /** Set once the submit started a job: the dialog shows the job from then on. */
  jobId: string | null;
}

type AnyPlanDialog = PlanDialog<object, unknown>;

/** A dialog just opened: its form as given, nothing planned or submitted yet. */
export function freshPlanDialog<Form extends object>(form: Form): PlanDialog<Form, never> {
  return {
    form: { ...form },
    plan: null,
    planError: null,
    planning: false,
    submitting: false,
    submitError: null,
    jobId: null,
  };
}

export interface PlanDialogSpec<D extends AnyPlanDialog, Request> {
  /** The dialog as the store holds it now; null while closed. */
  read(): D | null;
  write(dialog: D | null): void;
  toRequest(dialog: D): Request;
  plan(request: Request): Promise<NonNullable<D['plan']>>;
  /** The submit: it starts a job, or refuses with the problem. */
  start(request: Request): Promise<{ jobId: string }>;
  /** What else the dialog keeps once its job started (restore: the container it makes). */
  started?(dialog: D, request: Request): Partial<D>;
  /** Called with the new job's id before the dialog shows it, so no log line is missed. */
  openLog(jobId: string): void;
  /** Reads the started job once; its events bring it as well. */
  readJob(jobId: string): Promise<void>;
  debounceMs?: number;
}

export interface PlanDialogActions<D extends AnyPlanDialog> {
  /** Shows the dialog and plans at once, so the defaults and the command show before anything is typed. */
  open(dialog: D): void;
  close(): void;
  /** Edits the form and asks for a new plan after a short pause in typing. */
  edit(patch: Partial<D['form']>): void;
  /** Asks for a plan now; answers to older asks are dropped. */
  planNow(): Promise<void>;
  /** Starts the job; false when it was refused (the problem is in the dialog) or not possible. */
  submit(): Promise<boolean>;
}

export function planDialog<D extends AnyPlanDialog, Request>(spec: PlanDialogSpec<D, Request>): PlanDialogActions<D> {
  const debounceMs = spec.debounceMs ?? PLAN_DEBOUNCE_MS;
  const planTicket = latestOnly();
  // Bumped by open and close: a submit that answers late must not write into another dialog.
  let session = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const patch = (p: Partial<D>) => {
    const current = spec.read();
    if (current) spec.write({ ...current, ...p });
  };

  const actions: PlanDialogActions<D> = {
    open(dialog) {
      stopTimer();
      session++;
      spec.write(dialog);
      void actions.planNow();
    },

    close() {
      stopTimer();
      session++;
      planTicket(); // an answer still on its way belongs to no dialog
      spec.write(null);
    },

    edit(edit) {
      const current = spec.read();
      if (!current || current.jobId) return;
      spec.write({ ...current, form: { ...current.form, ...edit }, submitError: null });
      stopTimer();
      timer = setTimeout(() => {
        timer = undefined;
        void actions.planNow();
      }, debounceMs);
    },

    async planNow() {
      stopTimer();
      const current = spec.read();
      if (!current || current.jobId) return;
      const isCurrent = planTicket();
      patch({ planning: true } as Partial<D>);
      try {
        const plan = await spec.plan(spec.toRequest(current));
        if (isCurrent()) patch({ plan, planError: null, planning: false } as Partial<D>);
      } catch (error) {
        if (isCurrent()) patch({ planError: toErrorShape(error), planning: false } as Partial<D>);
      }
    },

    async submit() {
      const current = spec.read();
      if (!current || current.submitting || current.jobId) return false;
      stopTimer();
      planTicket(); // the plan shown is for this form; a late one must not replace it
      const mine = session;
      patch({ submitting: true, submitError: null, planning: false } as Partial<D>);
      const request = spec.toRequest(current);
      const extra = spec.started?.(current, request) ?? {};
      try {
        const { jobId } = await spec.start(request);
        spec.openLog(jobId);
        if (mine === session) patch({ ...extra, submitting: false, jobId } as Partial<D>);
        try {
          await spec.readJob(jobId);
        } catch {
          // Its job:update events bring it as well.
        }
        return true;
      } catch (error) {
        if (mine !== session) return false;
        patch({ submitting: false, submitError: toErrorShape(error) } as Partial<D>);
        // The refusal may be news to the plan too (the container stopped, the id was taken).
        void actions.planNow();
        return false;
      }
    },
  };
  return actions;
}
