import type { RefObject } from 'react';
import { FieldProblems } from '../../components/FieldProblems';
import { dialogProblems, restoreFieldKey, type RestoreFieldKey } from '../../lib/problems';
import type { RestoreDialog } from '../../state/types';
import { useDesk } from '../../store-context';
import { ExtraFlagsField } from '../plan-dialog/ExtraFlagsField';
import { PlanForm } from '../plan-dialog/PlanForm';
import { FoldedOptions } from '../plan-dialog/FoldedOptions';
import { checkboxEntries } from '../plan-dialog/checkbox-entries';
import { DockerStopFirst, stillRunsProblem } from './DockerStopFirst';
import { restoringSupport } from './restoring-runsc';
import { RestoreTextField } from './RestoreTextField';
import { RootField } from './RootField';
import { RUNSC_MISMATCH, RunscField } from './RunscField';

/** The dialog's fields: restore's, and the runsc that restores. */
type RestoreField = RestoreFieldKey | 'runsc';
const fieldOf = (field: string): RestoreField | null => (field === 'runsc' || field === 'allowVersionMismatch' ? 'runsc' : restoreFieldKey(field));

const EXTRA_FLAGS_HELP = (
  <>
    Passed to <code className="mono">runsc restore</code> as typed, after a check against this runsc. The image path,
    bundle and <code className="mono">--detach</code> are set by the Desk.
  </>
);

const DETACHED_NOTE = (
  <p className="small muted">
    The restore runs detached; the container’s output goes to a file in the job’s folder. The job ends when runsc
    reports the container running.
  </p>
);

/** The restore dialog before submit: the record's defaults, said so, the exact command, and every problem in place. */
export function RestoreFormView(props: { dialog: RestoreDialog; idInputRef: RefObject<HTMLInputElement | null> }) {
  const { dialog, idInputRef } = props;
  const overview = useDesk((s) => s.overview);
  const setForm = useDesk((s) => s.setRestoreForm);
  const submit = useDesk((s) => s.submitRestore);
  const close = useDesk((s) => s.closeRestore);
  const { form, plan, image } = dialog;
  const problems = dialogProblems(dialog);
  // A Docker checkpoint restores through Docker, into its own container, with the
  // runtime's runsc: runsc's own options and the runsc picker do not apply.
  const docker = image.docker ?? null;
  const stillRuns = docker && plan ? stillRunsProblem(problems) : null;

  return (
    <PlanForm
      dialog={dialog}
      className="checkpoint-form restore-form"
      fieldOf={fieldOf}
      needsPlan
      note={docker ? null : DETACHED_NOTE}
      submitLabel="Restore"
      onSubmit={() => void submit()}
      onCancel={close}
    >
      {(at) => (
        <>
          <div className="field">
            <span className="field-label">Image path</span>
            <code className="mono wrap image-path-value" data-testid="restore-image-path">
              {image.path}
            </code>
            <FieldProblems id="rs-image-problems" problems={at('imagePath')} />
          </div>
          <RootField value={form.root} image={image} plan={plan} problems={at('root')} onChange={(root) => setForm({ root })} />
          {!docker && (
            <RunscField
              value={form.runsc}
              allowMismatch={form.allowVersionMismatch}
              plan={plan}
              madeBy={image.runscVersion}
              problems={at('runsc')}
              mismatch={problems.some((p) => p.code === RUNSC_MISMATCH)}
              onChange={setForm}
            />
          )}
          <RestoreTextField
            id="rs-id"
            field="id"
            label="Container id"
            value={form.id}
            placeholder={plan?.resolved.id ?? ''}
            plan={plan}
            problems={at('id')}
            inputRef={idInputRef}
            help={
              plan?.replaces && !dialog.planError ? (
                <span data-testid="in-place">
                  <strong>In place:</strong> {plan.replaces} is stopped, so the Desk deletes what is left of it and restores
                  it under the same id. Type another id to restore a copy beside it.
                </span>
              ) : (
                'The id the restored container gets; it must be free in the root, or a stopped container restored in place.'
              )
            }
            onChange={(id) => setForm({ id })}
          />
          {stillRuns && plan && docker && <DockerStopFirst plan={plan} name={docker.containerName} />}
          {!docker && (
            <RestoreTextField
              id="rs-bundle"
              field="bundle"
              label="Bundle"
              value={form.bundle}
              placeholder={plan?.resolved.bundle ?? ''}
              plan={plan}
              problems={at('bundle')}
              help="The OCI bundle (with its config.json) the container ran with."
              onChange={(bundle) => setForm({ bundle })}
            />
          )}

          {!docker && (
            <FoldedOptions
              entries={checkboxEntries(
                [
                  { field: 'direct', id: 'rs-direct', label: 'Direct I/O', explain: 'Read the image with O_DIRECT, past the page cache.', support: restoringSupport(overview, plan, 'direct') },
                  {
                    field: 'background',
                    id: 'rs-background',
                    label: 'Background restore',
                    explain: 'Start the container while its memory still loads; needs an uncompressed image.',
                    support: restoringSupport(overview, plan, 'background'),
                  },
                ],
                form,
                at,
                setForm,
              )}
            />
          )}

          {!docker && (
            <ExtraFlagsField
              idPrefix="rs"
              help={EXTRA_FLAGS_HELP}
              value={form.extraFlags}
              problems={at('extraFlags')}
              onChange={(extraFlags) => setForm({ extraFlags })}
            />
          )}
        </>
      )}
    </PlanForm>
  );
}
