import type { FormEvent, KeyboardEvent, RefObject } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { optionSupport } from '../../lib/option-support';
import { dialogProblems, fieldKey, unplacedSubmitError, type FieldKey } from '../../lib/problems';
import type { CheckpointDialog } from '../../state/types';
import { useDesk } from '../../store-context';
import { CommandPreview } from './CommandPreview';
import { CompressionField } from './CompressionField';
import { ExtraFlagsField } from './ExtraFlagsField';
import { GpuSection } from './GpuSection';
import { ImagePathField } from './ImagePathField';
import { OptionCheckbox } from './OptionCheckbox';

/** The dialog before submit: few options, the exact command, and every problem in place. */
export function CheckpointFormView(props: { dialog: CheckpointDialog; imageInputRef: RefObject<HTMLInputElement | null> }) {
  const { dialog, imageInputRef } = props;
  const overview = useDesk((s) => s.overview);
  const setForm = useDesk((s) => s.setCheckpointForm);
  const submit = useDesk((s) => s.submitCheckpoint);
  const close = useDesk((s) => s.closeCheckpoint);

  const { form, plan, submitting } = dialog;
  const problems = dialogProblems(dialog);
  const at = (key: FieldKey) => problems.filter((p) => fieldKey(p.field) === key);
  // Without the GPU section, its problems go to the list like any other.
  const placed = (key: FieldKey | null) => key !== null && (dialog.gpu || (key !== 'cuda' && key !== 'cudaPath'));
  const elsewhere = problems.filter((p) => !placed(fieldKey(p.field)));
  const submitError = unplacedSubmitError(dialog);
  const canSubmit = problems.length === 0 && !submitting;
  const stale = dialog.planning || dialog.planError !== null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) void submit();
  };
  // Enter on a checkbox submits too, as it does in a text field.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (e.key === 'Enter' && target.type === 'checkbox') {
      e.preventDefault();
      if (canSubmit) void submit();
    }
  };

  return (
    <form className="checkpoint-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      {/* The test hook marks the part that holds problems, inline and listed, while there are any. */}
      <div className="checkpoint-fields" data-testid={problems.length > 0 ? 'plan-problems' : undefined}>
        <ImagePathField
          value={form.imagePath}
          defaultPath={plan?.imagePath ?? null}
          problems={at('imagePath')}
          inputRef={imageInputRef}
          onChange={(imagePath) => setForm({ imagePath })}
        />
        <OptionCheckbox
          id="cp-leave-running"
          label="Leave running"
          checked={form.leaveRunning}
          support={optionSupport(overview, 'leaveRunning')}
          explain="Keep the container running after the image is written."
          problems={at('leaveRunning')}
          onChange={(leaveRunning) => setForm({ leaveRunning })}
        >
          {form.leaveRunning && plan && plan.followUps.length > 0 && (
            <p className="small note">
              On this runsc the container is checkpointed, then restored under the same id; its PID changes.
            </p>
          )}
        </OptionCheckbox>

        <fieldset className="options">
          <legend>Options of this runsc</legend>
          <CompressionField
            value={form.compression}
            support={optionSupport(overview, 'compression')}
            problems={at('compression')}
            onChange={(compression) => setForm({ compression })}
          />
          <OptionCheckbox
            id="cp-direct"
            label="Direct I/O"
            checked={form.direct}
            support={optionSupport(overview, 'direct')}
            explain="Write the image with O_DIRECT, past the page cache."
            problems={at('direct')}
            onChange={(direct) => setForm({ direct })}
          />
          <OptionCheckbox
            id="cp-exclude-zero"
            label="Exclude committed zero pages"
            checked={form.excludeCommittedZeroPages}
            support={optionSupport(overview, 'excludeCommittedZeroPages')}
            explain="Leave pages that hold only zeros out of the image."
            problems={at('excludeCommittedZeroPages')}
            onChange={(excludeCommittedZeroPages) => setForm({ excludeCommittedZeroPages })}
          />
        </fieldset>

        {dialog.gpu && (
          <GpuSection
            gpu={overview?.gpu ?? null}
            form={form}
            policyProblems={at('cuda')}
            pathProblems={at('cudaPath')}
            onChange={setForm}
          />
        )}

        <ExtraFlagsField value={form.extraFlags} problems={at('extraFlags')} onChange={(extraFlags) => setForm({ extraFlags })} />

        {elsewhere.length > 0 && (
          <ul className="plain-list problem-list" role="alert">
            {elsewhere.map((p, i) => (
              <li key={`${i}:${p.field}`} className="field-error" data-testid="plan-problem" data-field={p.field} data-code={p.code}>
                {p.message}
              </li>
            ))}
          </ul>
        )}
        {plan && !dialog.planError && plan.warnings.length > 0 && (
          <ul className="plain-list warnings" data-testid="plan-warnings" aria-label="Warnings">
            {plan.warnings.map((w, i) => (
              <li key={i} className="text-warning">
                {w}
              </li>
            ))}
          </ul>
        )}
      </div>

      <CommandPreview plan={plan} stale={stale} />
      {submitError && <ErrorBlock error={submitError} alert />}

      <div className="modal-foot">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!canSubmit} aria-busy={submitting}>
          {submitting && <Spinner />}
          Checkpoint
        </button>
      </div>
    </form>
  );
}
