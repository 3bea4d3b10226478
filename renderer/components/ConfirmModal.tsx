import { useRef, type ReactNode } from 'react';
import type { DeskErrorShape } from '../../shared/errors';
import { ErrorBlock } from './ErrorBlock';
import { Modal } from './Modal';
import { Spinner } from './Spinner';

/**
 * A destructive action, confirmed in a modal that names its target: Cancel first (and
 * focused, so Enter does nothing by accident), then the action as a filled red button.
 */
export function ConfirmModal(props: {
  titleId: string;
  title: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: DeskErrorShape | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  /** What goes and what stays. */
  children: ReactNode;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { busy } = props;
  return (
    <Modal labelledBy={props.titleId} onClose={() => !busy && props.onCancel()} className="confirm-modal" initialFocus={cancelRef}>
      <header className="modal-head">
        <h2 id={props.titleId}>{props.title}</h2>
      </header>
      <div className="confirm-body">{props.children}</div>
      {props.error && <ErrorBlock error={props.error} alert />}
      <div className="modal-foot">
        <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="button danger filled" disabled={busy} aria-busy={busy} onClick={props.onConfirm}>
          {busy && <Spinner />}
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
