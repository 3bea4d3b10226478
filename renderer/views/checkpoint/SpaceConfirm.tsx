import { useEffect, useState } from 'react';
import { predictsFailure } from '../../lib/predicts-failure';

export interface SpaceConfirmState {
  /** The warning that predicts the checkpoint fails, when the plan has one. */
  warning: string | null;
  confirmed: boolean;
  setConfirmed(value: boolean): void;
  /** Submit waits for the confirmation. */
  held: boolean;
}

export function useSpaceConfirm(warnings: readonly string[], refused: boolean): SpaceConfirmState {
  const warning = refused ? null : (warnings.find(predictsFailure) ?? null);
  const [confirmed, setConfirmed] = useState(false);
  // Another prediction (another folder, another size) asks again.
  useEffect(() => setConfirmed(false), [warning]);
  return { warning, confirmed, setConfirmed, held: warning !== null && !confirmed };
}

/**
 * A warning that predicts failure is not a footnote: a plain checkpoint that fails
 * ends the container. Checkpoint waits until the person says they go ahead anyway.
 */
export function SpaceConfirm({ space, target, leaveRunning }: { space: SpaceConfirmState; target: string; leaveRunning: boolean }) {
  if (!space.warning) return null;
  return (
    <div className="space-confirm" data-testid="space-confirm">
      <label className="check-label">
        <input type="checkbox" checked={space.confirmed} onChange={(e) => space.setConfirmed(e.target.checked)} />
        Checkpoint anyway: the image may not fit
        {leaveRunning ? '' : `, and if runsc fails, ${target} ends with it`}.
      </label>
    </div>
  );
}
