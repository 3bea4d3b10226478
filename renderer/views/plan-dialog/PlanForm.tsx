import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import type { Problem } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { dialogProblems, unplacedSubmitError } from '../../lib/problems';
import type { PlanDialog } from '../../state/plan-slice';
import { CommandPreview, type PreviewPlan } from './CommandPreview';
import { PlanNotes } from './PlanNotes';

/** What the frame reads from either plan: the command, its problems and its warnings. */
export type FramedPlan = PreviewPlan & { problems: Problem[]; warnings: string[] };

export interface PlanFormProps<K extends string> {
  dialog: PlanDialog<object, FramedPlan>;
  className: string;
  /** The field of this form a problem sits next to; null puts it in the list under the fields. */
  fieldOf: (field: string) => K | null;
  /** The dialog's own fields, given the problems that belong at each. */
  children: (at: (key: K) => Problem[]) => ReactNode;
  /** Restore has nothing to run until a plan resolved what the form leaves empty. */
  needsPlan?: boolean;
  /** Said under the command preview. */
  note?: ReactNode;
  submitLabel: string;
  /** Submit waits for something the form asks first (a confirmation). */
  held?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/**
 * A plan-then-submit dialog before submit: its fields, every problem in place, the
 * warnings, the exact command as the newest plan has it, and Cancel / submit.
 */
export function PlanForm<K extends string>(props: PlanFormProps<K>) {
  const { dialog, fieldOf, needsPlan = false } = props;
  const { plan, submitting } = dialog;
  const problems = dialogProblems(dialog);
  const at = (key: K) => problems.filter((p) => fieldOf(p.field) === key);
  const unplaced = problems.filter((p) => fieldOf(p.field) === null);
  const submitError = unplacedSubmitError(dialog);
  const canSubmit = problems.length === 0 && (plan !== null || !needsPlan) && !submitting && !props.held;
  // The preview dims while a newer plan is on its way, or when the last one was refused.
  const stale = dialog.planning || dialog.planError !== null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) props.onSubmit();
  };
  // Enter on a checkbox submits too, as it does in a text field.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (e.key === 'Enter' && target.type === 'checkbox') {
      e.preventDefault();
      if (canSubmit) props.onSubmit();
    }
  };

  return (
    <form className={props.className} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      {/* The test hook marks the part that holds problems, inline and listed, while there are any. */}
      <div className="checkpoint-fields" data-testid={problems.length > 0 ? 'plan-problems' : undefined}>
        {props.children(at)}
        <PlanNotes problems={unplaced} warnings={plan && !dialog.planError ? plan.warnings : []} />
      </div>

      <CommandPreview plan={plan} stale={stale} />
      {props.note}
      {submitError && <ErrorBlock error={submitError} alert />}

      <div className="modal-foot">
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!canSubmit} aria-busy={submitting}>
          {submitting && <Spinner />}
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
