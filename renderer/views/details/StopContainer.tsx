import { useEffect, useRef, useState } from 'react';
import type { ContainerRef } from '../../store';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';

/** `runsc delete --force`, behind a confirm step: what it kills cannot come back. */
export function StopContainer({ target }: { target: ContainerRef }) {
  const [confirming, setConfirming] = useState(false);
  const busy = useDesk((s) => s.pending.stopContainer === true);
  const error = useDesk((s) => s.actionErrors.stopContainer);
  const stopContainer = useDesk((s) => s.stopContainer);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The safe choice gets the focus, so Enter does not stop anything by accident.
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="stop-container">
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Stop
        </button>
      </div>
    );
  }
  return (
    <div
      className="stop-container confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Esc backs out of the confirm step only, not the whole panel.
          e.stopPropagation();
          setConfirming(false);
        }
      }}
    >
      <p>
        Stop <code className="mono">{target.id}</code>? runsc delete --force kills the sandbox and removes the
        container. Anything not checkpointed is lost.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button danger"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void stopContainer(target)}
        >
          {busy && <Spinner />}
          Stop container
        </button>
        <button ref={cancelRef} type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      {error && <ErrorBlock error={error} alert />}
    </div>
  );
}
