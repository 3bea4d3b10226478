// The plan-then-submit steps both dialogs share, driven without a store: a dialog
// held in a variable, a plan and a submit that answer when the test says.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { Problem } from '../../../shared/jobs';
import { dialogProblems } from '../../../renderer/lib/problems';
import { PLAN_DEBOUNCE_MS, freshPlanDialog, planDialog, type PlanDialog } from '../../../renderer/state/plan-slice';
import { deferred } from './fake-desk';

interface Form {
  name: string;
  loud: boolean;
}
interface Plan {
  argv: string[];
  problems: Problem[];
}
interface Dialog extends PlanDialog<Form, Plan> {
  subject: string;
  started: string | null;
}
type Request = { subject: string; name: string };

const planFor = (request: Request): Plan => ({ argv: ['run', request.name], problems: [] });

function harness() {
  let dialog: Dialog | null = null;
  const events: string[] = [];
  const spec = {
    read: () => dialog,
    write: (d: Dialog | null) => {
      dialog = d;
      if (d?.jobId) events.push(`shown ${d.jobId}`);
    },
    toRequest: (d: Dialog): Request => ({ subject: d.subject, name: d.form.name }),
    plan: vi.fn(async (request: Request) => planFor(request)),
    start: vi.fn(async (_request: Request) => ({ jobId: 'job-1' })),
    started: (_d: Dialog, request: Request) => ({ started: request.name }),
    openLog: vi.fn((jobId: string) => void events.push(`log ${jobId}`)),
    readJob: vi.fn(async (_jobId: string) => {}),
  };
  const actions = planDialog(spec);
  const open = (subject = 'web-1') =>
    actions.open({ ...freshPlanDialog<Form>({ name: '', loud: false }), subject, started: null });
  return { spec, actions, open, events, get dialog() { return dialog; } };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('plan-then-submit dialog', () => {
  it('plans at once on open, then once after a pause in typing, with the last form', async () => {
    const h = harness();
    h.open();
    expect(h.spec.plan).toHaveBeenCalledWith({ subject: 'web-1', name: '' });
    expect(h.dialog?.planning).toBe(true);
    await vi.runAllTimersAsync();
    expect(h.dialog?.plan?.argv).toEqual(['run', '']);
    expect(h.dialog?.planning).toBe(false);

    h.spec.plan.mockClear();
    for (const name of ['a', 'ab', 'abc']) h.actions.edit({ name });
    h.actions.edit({ loud: true });
    expect(h.dialog?.form).toEqual({ name: 'abc', loud: true });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS - 10);
    expect(h.spec.plan).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(h.spec.plan).toHaveBeenCalledTimes(1);
    expect(h.spec.plan).toHaveBeenCalledWith({ subject: 'web-1', name: 'abc' });
    expect(h.dialog?.plan?.argv).toEqual(['run', 'abc']);
  });

  it('drops a plan that answers after a newer one, and one that answers after close', async () => {
    const h = harness();
    const slow = deferred<Plan>();
    h.spec.plan.mockReturnValueOnce(slow.promise);
    h.open();
    h.actions.edit({ name: 'new' });
    await vi.advanceTimersByTimeAsync(PLAN_DEBOUNCE_MS);
    expect(h.dialog?.plan?.argv).toEqual(['run', 'new']);
    slow.resolve({ argv: ['run', 'old'], problems: [] });
    await vi.runAllTimersAsync();
    expect(h.dialog?.plan?.argv).toEqual(['run', 'new']);

    const late = deferred<Plan>();
    h.spec.plan.mockReturnValueOnce(late.promise);
    void h.actions.planNow();
    h.actions.close();
    late.resolve({ argv: ['run', 'late'], problems: [] });
    await vi.runAllTimersAsync();
    expect(h.dialog).toBeNull();
  });

  it('keeps a plan refusal as the dialog’s problem, and takes the next good plan', async () => {
    const h = harness();
    h.spec.plan.mockRejectedValueOnce(new DeskError('INVALID_INPUT', 'plan: name must be short', { field: 'name' }));
    h.open();
    await vi.runAllTimersAsync();
    expect(h.dialog?.planError?.code).toBe('INVALID_INPUT');
    expect(dialogProblems(h.dialog!).map((p) => p.field)).toEqual(['name']);
    h.actions.edit({ name: 'x' });
    await vi.runAllTimersAsync();
    expect(h.dialog?.planError).toBeNull();
    expect(dialogProblems(h.dialog!)).toEqual([]);
  });

  it('shows a refused submit at its field, asks for a new plan, and forgets the refusal on the next edit', async () => {
    const h = harness();
    h.open();
    await vi.runAllTimersAsync();
    h.spec.start.mockRejectedValueOnce(new DeskError('IMAGE_EXISTS', 'that name is taken', { field: 'name' }));
    h.spec.plan.mockClear();

    expect(await h.actions.submit()).toBe(false);
    expect(h.dialog?.submitting).toBe(false);
    expect(h.dialog?.jobId).toBeNull();
    expect(dialogProblems(h.dialog!)).toEqual([{ code: 'IMAGE_EXISTS', field: 'name', message: 'that name is taken' }]);
    // The refusal may be news to the plan as well.
    expect(h.spec.plan).toHaveBeenCalledTimes(1);

    h.actions.edit({ name: 'other' });
    expect(h.dialog?.submitError).toBeNull();
    expect(dialogProblems(h.dialog!)).toEqual([]);
  });

  it('opens the job’s log before showing the job, keeps what the spec adds, and stops planning', async () => {
    const h = harness();
    h.open();
    await vi.runAllTimersAsync();
    h.actions.edit({ name: 'img' });
    h.spec.readJob.mockRejectedValueOnce(new Error('socket closed'));
    h.spec.plan.mockClear();

    expect(await h.actions.submit()).toBe(true);
    expect(h.spec.start).toHaveBeenCalledWith({ subject: 'web-1', name: 'img' });
    expect(h.events).toEqual(['log job-1', 'shown job-1']);
    expect(h.dialog).toMatchObject({ jobId: 'job-1', submitting: false, started: 'img' });
    // The pending debounced plan was dropped, and edits after the job are ignored.
    h.actions.edit({ name: 'later' });
    await vi.runAllTimersAsync();
    expect(h.spec.plan).not.toHaveBeenCalled();
    expect(h.dialog?.form.name).toBe('img');
    // A second submit starts nothing.
    expect(await h.actions.submit()).toBe(false);
    expect(h.spec.start).toHaveBeenCalledTimes(1);
  });

  it('does not write a late submit answer into a dialog opened since', async () => {
    const h = harness();
    const started = deferred<{ jobId: string }>();
    h.spec.start.mockReturnValueOnce(started.promise);
    h.open('web-1');
    await vi.runAllTimersAsync();
    const submitted = h.actions.submit();
    h.actions.close();
    h.open('web-1');
    started.resolve({ jobId: 'job-9' });
    expect(await submitted).toBe(true);
    expect(h.dialog?.jobId).toBeNull();
    expect(h.dialog?.submitting).toBe(false);
  });
});
