import { useRef } from 'react';
import { Modal } from '../../components/Modal';
import { useDesk } from '../../store-context';
import { CheckpointFormView } from './CheckpointFormView';
import { JobLiveView } from './JobLiveView';

/** Checkpoint one container: the form, then, once submitted, the live job. */
export function CheckpointDialog() {
  const dialog = useDesk((s) => s.checkpoint);
  const close = useDesk((s) => s.closeCheckpoint);
  const imageInputRef = useRef<HTMLInputElement>(null);
  if (!dialog) return null;
  const { target } = dialog;
  return (
    <Modal
      key={`${target.root}\n${target.id}`}
      labelledBy="checkpoint-title"
      onClose={close}
      className="checkpoint-dialog"
      initialFocus={imageInputRef}
    >
      <header className="modal-head">
        <h2 id="checkpoint-title">
          Checkpoint <span className="mono">{target.id}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={close}>
          ×
        </button>
      </header>
      <p className="small muted mono truncate" title={target.root}>
        root {target.root}
      </p>
      {dialog.jobId ? (
        <JobLiveView jobId={dialog.jobId} onClose={close} />
      ) : (
        <CheckpointFormView dialog={dialog} imageInputRef={imageInputRef} />
      )}
    </Modal>
  );
}
