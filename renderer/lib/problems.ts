// Where each problem of a plan is shown: next to its field when the dialog has one,
// else in the list under the fields. Checkpoint and restore dialogs share the rules.
import type { DeskErrorShape } from '../../shared/errors';
import type { Problem } from '../../shared/jobs';

/** What a plan-then-submit dialog holds; both the checkpoint and the restore dialog fit. */
export interface PlannedDialog {
  plan: { problems: Problem[] } | null;
  planError: DeskErrorShape | null;
  submitError: DeskErrorShape | null;
}

/** `cuda` is the GPU section as a whole (its policy); `cudaPath` is its "Path in container". */
export type FieldKey =
  | 'imagePath'
  | 'leaveRunning'
  | 'compression'
  | 'direct'
  | 'excludeCommittedZeroPages'
  | 'extraFlags'
  | 'cuda'
  | 'cudaPath';

const FIELDS: readonly FieldKey[] = ['imagePath', 'leaveRunning', 'compression', 'direct', 'excludeCommittedZeroPages', 'extraFlags', 'cuda'];

export type RestoreFieldKey = 'imagePath' | 'root' | 'id' | 'bundle' | 'direct' | 'background' | 'extraFlags';

const RESTORE_FIELDS: readonly RestoreFieldKey[] = ['imagePath', 'root', 'id', 'bundle', 'direct', 'background', 'extraFlags'];

/** "extraFlags.2" → "extraFlags"; a field the dialog has no input for → null. */
function keyIn<K extends string>(fields: readonly K[], field: string): K | null {
  const head = field.split('.')[0] ?? '';
  return (fields as readonly string[]).includes(head) ? (head as K) : null;
}

const CUDA_PATH = 'cuda.pathInContainer';

/** The checkpoint dialog's field for a problem. */
export const fieldKey = (field: string): FieldKey | null =>
  field === CUDA_PATH || field.startsWith(`${CUDA_PATH}.`) ? 'cudaPath' : keyIn(FIELDS, field);

/** The restore dialog's field for a problem. */
export const restoreFieldKey = (field: string): RestoreFieldKey | null => keyIn(RESTORE_FIELDS, field);

// The schema's message names the call ("planCheckpoint: imagePath must…"); the field
// it sits next to already says which.
const bare = (message: string) => message.replace(/^(planCheckpoint|checkpoint|planRestore|restore): /, '');

function asProblems(error: DeskErrorShape | null): Problem[] {
  if (!error) return [];
  const listed = error.details?.problems;
  if (Array.isArray(listed) && listed.length > 0) return listed as Problem[];
  if (typeof error.details?.field === 'string') {
    return [{ code: error.code, field: error.details.field, message: bare(error.message) }];
  }
  return [];
}

/** The problems the dialog shows now: the plan's, the plan call's own refusal, the submit's. */
export function dialogProblems(dialog: PlannedDialog): Problem[] {
  const all = [
    ...(dialog.planError ? asProblems(dialog.planError) : (dialog.plan?.problems ?? [])),
    ...asProblems(dialog.submitError),
  ];
  if (dialog.planError && asProblems(dialog.planError).length === 0) {
    all.push({ code: dialog.planError.code, field: '', message: dialog.planError.message });
  }
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.field}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A submit refusal that names no field: shown whole, with runsc's words if any. */
export function unplacedSubmitError(dialog: PlannedDialog): DeskErrorShape | null {
  return dialog.submitError && asProblems(dialog.submitError).length === 0 ? dialog.submitError : null;
}
