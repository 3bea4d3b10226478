import type { FormEvent, KeyboardEvent, RefObject } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldProblems } from '../../components/FieldProblems';
import { Spinner } from '../../components/Spinner';
import { dialogProblems, restoreFieldKey, unplacedSubmitError, type RestoreFieldKey } from '../../lib/problems';
import { restoreFlagSupport } from '../../lib/restore-support';
import type { RestoreDialog } from '../../state/types';
import { useDesk } from '../../store-context';
import { CommandPreview } from '../checkpoint/CommandPreview';
import { ExtraFlagsField } from '../checkpoint/ExtraFlagsField';
import { OptionCheckbox } from '../checkpoint/OptionCheckbox';
import { RestoreTextField } from './RestoreTextField';
import { RootField } from './RootField';

const EXTRA_FLAGS_HELP = (
  <>
    Passed to <code className="mono">runsc restore</code> as typed, after a check against this runsc. The image path,
    bundle and <code className="mono">--detach</code> are set by the Desk.
  </>
);

/** The restore dialog before submit: the record's defaults, said so, the exact command, and every problem in place. */
export function RestoreFormView(props: { dialog: RestoreDialog; idInputRef: RefObject<HTMLInputElement | null> }) {
  const { dialog, idInputRef } = props;
  const overview = useDesk((s) => s.overview);
  const setForm = useDesk((s) => s.setRestoreForm);
  const submit = useDesk((s) => s.submitRestore);
  const close = useDesk((s) => s.closeRestore);

  const { form, plan, submitting, image } = dialog;
  const problems = dialogProblems(dialog);
  const at = (key: RestoreFieldKey) => problems.filter((p) => restoreFieldKey(p.field) === key);
  const elsewhere = problems.filter((p) => restoreFieldKey(p.field) === null);
  const submitError = unplacedSubmitError(dialog);
  const canSubmit = problems.length === 0 && plan !== null && !submitting;
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
    <form className="checkpoint-form restore-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <div className="checkpoint-fields" data-testid={problems.length > 0 ? 'plan-problems' : undefined}>
        <div className="field">
          <span className="field-label">Image path</span>
          <code className="mono wrap image-path-value" data-testid="restore-image-path">
            {image.path}
          </code>
          <FieldProblems id="rs-image-problems" problems={at('imagePath')} />
        </div>
        <RootField
          value={form.root}
          image={image}
          plan={plan}
          problems={at('root')}
          onChange={(root) => setForm({ root })}
        />
        <RestoreTextField
          id="rs-id"
          field="id"
          label="Container id"
          value={form.id}
          placeholder={plan?.resolved.id ?? ''}
          plan={plan}
          problems={at('id')}
          inputRef={idInputRef}
          help="The id the restored container gets; it must be free in the root. Empty: the one shown."
          onChange={(id) => setForm({ id })}
        />
        <RestoreTextField
          id="rs-bundle"
          field="bundle"
          label="Bundle"
          value={form.bundle}
          placeholder={plan?.resolved.bundle ?? ''}
          plan={plan}
          problems={at('bundle')}
          help="The OCI bundle (with its config.json) the container ran with. Empty: the one shown."
          onChange={(bundle) => setForm({ bundle })}
        />

        <fieldset className="options">
          <legend>Options of this runsc</legend>
          <OptionCheckbox
            id="rs-direct"
            label="Direct I/O"
            checked={form.direct}
            support={restoreFlagSupport(overview, 'direct')}
            explain="Read the image with O_DIRECT, past the page cache."
            problems={at('direct')}
            onChange={(direct) => setForm({ direct })}
          />
          <OptionCheckbox
            id="rs-background"
            label="Background restore"
            checked={form.background}
            support={restoreFlagSupport(overview, 'background')}
            explain="Start the container while its memory still loads; needs an uncompressed image."
            problems={at('background')}
            onChange={(background) => setForm({ background })}
          />
        </fieldset>

        <ExtraFlagsField
          idPrefix="rs"
          help={EXTRA_FLAGS_HELP}
          value={form.extraFlags}
          problems={at('extraFlags')}
          onChange={(extraFlags) => setForm({ extraFlags })}
        />

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
      <p className="small muted">
        The restore runs detached; the container’s output goes to a file in the job’s folder. The job ends when runsc
        reports the container running.
      </p>
      {submitError && <ErrorBlock error={submitError} alert />}

      <div className="modal-foot">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!canSubmit} aria-busy={submitting}>
          {submitting && <Spinner />}
          Restore
        </button>
      </div>
    </form>
  );
}
