import { useRef } from 'react';
import { useDesk } from '../../store-context';
import { PlanDialogFrame } from '../plan-dialog/PlanDialogFrame';
import { CheckpointFormView } from './CheckpointFormView';

/** Checkpoint one container: the form, then, once submitted, the live job. */
export function CheckpointDialog() {
  const dialog = useDesk((s) => s.checkpoint);
  const close = useDesk((s) => s.closeCheckpoint);
  const imageInputRef = useRef<HTMLInputElement>(null);
  if (!dialog) return null;
  const { target } = dialog;
  return (
    <PlanDialogFrame
      frameKey={`${target.root}\n${target.id}`}
      titleId="checkpoint-title"
      title={
        <>
          Checkpoint <span className="mono">{target.id}</span>
        </>
      }
      subtitle={
        <p className="small muted mono truncate" title={target.root}>
          root {target.root}
        </p>
      }
      className="checkpoint-dialog"
      initialFocus={imageInputRef}
      onClose={close}
      jobId={dialog.jobId}
    >
      <CheckpointFormView dialog={dialog} imageInputRef={imageInputRef} />
    </PlanDialogFrame>
  );
}
