import type { ContainerRef } from '../../../store';
import { ConfirmStep } from '../../../components/ConfirmStep';
import { useDesk } from '../../../store-context';

/** `runsc delete --force`, behind a confirm step: what it kills cannot come back. */
export function StopContainer({ target }: { target: ContainerRef }) {
  const busy = useDesk((s) => s.pending.stopContainer === true);
  const error = useDesk((s) => s.actionErrors.stopContainer);
  const stopContainer = useDesk((s) => s.stopContainer);
  return (
    <ConfirmStep
      label="Stop"
      confirmLabel="Stop container"
      titleId="stop-confirm-title"
      busy={busy}
      error={error}
      onConfirm={() => void stopContainer(target)}
    >
      <p id="stop-confirm-title">
        Stop <code className="mono">{target.id}</code>? runsc delete --force kills the sandbox and removes the
        container. Anything not checkpointed is lost.
      </p>
    </ConfirmStep>
  );
}
