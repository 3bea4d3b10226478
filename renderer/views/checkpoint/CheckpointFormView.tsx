import type { RefObject } from 'react';
import { optionSupport } from '../../lib/option-support';
import { fieldKey, type FieldKey } from '../../lib/problems';
import type { CheckpointDialog } from '../../state/types';
import { useDesk } from '../../store-context';
import { ExtraFlagsField } from '../plan-dialog/ExtraFlagsField';
import { OptionCheckbox } from '../plan-dialog/OptionCheckbox';
import { PlanForm } from '../plan-dialog/PlanForm';
import { FoldedOptions } from '../plan-dialog/FoldedOptions';
import { checkboxEntries } from '../plan-dialog/checkbox-entries';
import { SpaceConfirm, useSpaceConfirm } from './SpaceConfirm';
import { CheckpointNameField } from './CheckpointNameField';
import { CompressionField } from './CompressionField';
import { GpuSection } from './GpuSection';
import { ImagePathField } from './ImagePathField';
import { overviewForRoot } from './root-runsc';
import { SpeedChoice } from './SpeedChoice';

/** The dialog's fields: the runsc options' keys, and Docker's checkpoint name. */
type CheckpointField = FieldKey | 'checkpointName';

const EXTRA_FLAGS_HELP = (
  <>
    Passed to <code className="mono">runsc checkpoint</code> as typed, after a check against this runsc. Image path and
    leave-running have their own fields.
  </>
);

/** The dialog before submit: few options, the exact command, and every problem in place. */
export function CheckpointFormView(props: { dialog: CheckpointDialog; imageInputRef: RefObject<HTMLInputElement | null> }) {
  const { dialog, imageInputRef } = props;
  const overview = overviewForRoot(useDesk((s) => s.overview), props.dialog.target.root);
  const setForm = useDesk((s) => s.setCheckpointForm);
  const submit = useDesk((s) => s.submitCheckpoint);
  const close = useDesk((s) => s.closeCheckpoint);
  const { form, plan } = dialog;
  // Docker checkpoints its own containers: the dialog speaks its words (a checkpoint
  // name), and runsc's own options, which Docker's API does not pass, are not offered.
  const docker = useDesk((s) => s.containers?.containers.find((c) => c.root === dialog.target.root && c.id === dialog.target.id)?.manager === 'docker');
  const speed = !docker ? (plan?.speed ?? null) : null;
  const space = useSpaceConfirm(plan?.warnings ?? [], dialog.planError !== null);

  // Without the GPU section, its problems go to the list like any other.
  const fieldOf = (field: string): CheckpointField | null => {
    if (field === 'checkpointName') return docker ? 'checkpointName' : null;
    const key = fieldKey(field);
    if (docker && key !== 'leaveRunning') return null;
    return key !== null && (dialog.gpu || (key !== 'cuda' && key !== 'cudaPath')) ? key : null;
  };

  return (
    <PlanForm
      dialog={dialog}
      className="checkpoint-form"
      fieldOf={fieldOf}
      submitLabel="Checkpoint"
      held={space.held}
      note={<SpaceConfirm space={space} target={dialog.target.id} leaveRunning={form.leaveRunning} />}
      onSubmit={() => void submit()}
      onCancel={close}
    >
      {(at) => (
        <>
          {docker ? (
            <CheckpointNameField
              inputRef={imageInputRef}
              value={form.checkpointName}
              problems={at('checkpointName')}
              onChange={(checkpointName) => setForm({ checkpointName })}
            />
          ) : (
            <ImagePathField
              value={form.imagePath}
              defaultPath={plan?.imagePath ?? null}
              problems={at('imagePath')}
              inputRef={imageInputRef}
              onChange={(imagePath) => setForm({ imagePath })}
            />
          )}
          <OptionCheckbox
            id="cp-leave-running"
            label="Leave running"
            checked={form.leaveRunning}
            support={optionSupport(overview, 'leaveRunning')}
            explain="Keep the container running after the image is written."
            problems={at('leaveRunning')}
            onChange={(leaveRunning) => setForm({ leaveRunning })}
          >
            {!form.leaveRunning && (
              <p className="small note will-stop" data-testid="will-stop">
                <strong>{dialog.target.id} will stop.</strong> {docker ? 'Docker stops it' : 'runsc ends the sandbox'} once the
                image is written. Restore brings it back under the same {docker ? 'container' : 'id'}.
              </p>
            )}
            {form.leaveRunning && plan && plan.followUps.length > 0 && !docker && (
              <p className="small note">
                On this runsc the container is checkpointed, then restored under the same id; its PID changes.
              </p>
            )}
          </OptionCheckbox>

          {speed && (
            <SpeedChoice
              speed={speed}
              value={form.compression}
              problems={at('compression')}
              onChange={(compression) => setForm({ compression })}
            />
          )}

          {!docker && (
            <FoldedOptions
              entries={[
                // Where the plan offers Fastest and Smallest, that choice is the compression.
                ...(speed
                  ? []
                  : [
                      {
                        key: 'compression',
                        support: optionSupport(overview, 'compression'),
                        node: (
                          <CompressionField
                            value={form.compression}
                            support={optionSupport(overview, 'compression')}
                            problems={at('compression')}
                            onChange={(compression) => setForm({ compression })}
                          />
                        ),
                      },
                    ]),
                ...checkboxEntries(
                  [
                    { field: 'direct', id: 'cp-direct', label: 'Direct I/O', explain: 'Write the image with O_DIRECT, past the page cache.', support: optionSupport(overview, 'direct') },
                    {
                      field: 'excludeCommittedZeroPages',
                      id: 'cp-exclude-zero',
                      label: 'Exclude committed zero pages',
                      explain: 'Leave pages that hold only zeros out of the image.',
                      support: optionSupport(overview, 'excludeCommittedZeroPages'),
                    },
                  ],
                  form,
                  at,
                  setForm,
                ),
              ]}
            />
          )}

          {dialog.gpu && !docker && (
            <GpuSection
              gpu={overview?.gpu ?? null}
              form={form}
              policyProblems={at('cuda')}
              pathProblems={at('cudaPath')}
              onChange={setForm}
            />
          )}

          {!docker && (
            <ExtraFlagsField
              idPrefix="cp"
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
