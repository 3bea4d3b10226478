import { useRef } from 'react';
import { Modal } from '../../components/Modal';
import { baseName } from '../../lib/paths';
import { useDesk } from '../../store-context';
import { JobLiveView } from '../checkpoint/JobLiveView';
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
    <Modal
      key={image.path}
      labelledBy="restore-title"
      onClose={close}
      className="checkpoint-dialog restore-dialog"
      initialFocus={idInputRef}
    >
      <header className="modal-head">
        <h2 id="restore-title">
          Restore <span className="mono">{image.containerId ?? baseName(image.path)}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={close}>
          ×
        </button>
      </header>
      {dialog.jobId ? (
        <JobLiveView jobId={dialog.jobId} onClose={close} actions={<ShowContainerButton jobId={dialog.jobId} />} />
      ) : (
        <RestoreFormView dialog={dialog} idInputRef={idInputRef} />
      )}
    </Modal>
  );
}
