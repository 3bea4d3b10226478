import { useRef } from 'react';
import { baseName } from '../../lib/paths';
import { useDesk } from '../../store-context';
import { PlanDialogFrame } from '../plan-dialog/PlanDialogFrame';
import { RestoreFormView } from './RestoreFormView';
import { ShowContainerButton } from './ShowContainerButton';

/** Restore one image: the form, then, once submitted, the live job. */
export function RestoreDialog() {
  const dialog = useDesk((s) => s.restore);
  const close = useDesk((s) => s.closeRestore);
  const idInputRef = useRef<HTMLInputElement>(null);
  if (!dialog) return null;
  const { image } = dialog;
  return (
    <PlanDialogFrame
      frameKey={image.path}
      titleId="restore-title"
      title={
        <>
          Restore <span className="mono">{image.containerId ?? baseName(image.path)}</span>
        </>
      }
      className="checkpoint-dialog restore-dialog"
      initialFocus={idInputRef}
      onClose={close}
      jobId={dialog.jobId}
      jobActions={(jobId) => <ShowContainerButton jobId={jobId} />}
    >
      <RestoreFormView dialog={dialog} idInputRef={idInputRef} />
    </PlanDialogFrame>
  );
}
