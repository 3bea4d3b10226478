import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DeskErrorShape } from '../../shared/errors';
import { ErrorBlock } from './ErrorBlock';
import { Spinner } from './Spinner';

/**
 * A destructive action behind an inline confirm step: first one button, then in its
 * place the question, the action and Cancel. What it removes cannot come back, so
 * Cancel gets the focus (Enter does nothing by accident) and Esc backs out.
 */
export function ConfirmStep(props: {
  /** The button that opens the step. */
  label: string;
  /** The button that does it. */
  confirmLabel: string;
  /** The id of the question's title; it names the step. */
  titleId: string;
  busy: boolean;
  error: DeskErrorShape | null | undefined;
  onConfirm: () => void;
  /** The question: what goes and what stays. */
  children: ReactNode;
}) {
  const { busy } = props;
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="confirm-step">
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          {props.label}
        </button>
      </div>
    );
  }
  return (
    <div
      className="confirm-step confirming"
      role="group"
      aria-labelledby={props.titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Esc backs out of the confirm step only, not the whole panel.
          e.stopPropagation();
          setConfirming(false);
        }
      }}
    >
      {props.children}
      <div className="button-row">
        <button type="button" className="button danger" disabled={busy} aria-busy={busy} onClick={props.onConfirm}>
          {busy && <Spinner />}
          {props.confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      {props.error && <ErrorBlock error={props.error} alert />}
    </div>
  );
}
