import { useState } from 'react';
import type { Container } from '../../../shared/model';
import { ConfirmModal } from '../../components/ConfirmModal';
import { removeWords } from '../../lib/remove-words';
import { useDesk } from '../../store-context';

/** Kill and remove, Delete or Stop, as its manager means it, confirmed in a modal naming the target. */
export function RemoveContainer({ container, small = false, disabled = false }: { container: Container; small?: boolean; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const busy = useDesk((s) => s.pending.stopContainer === true);
  const error = useDesk((s) => s.actionErrors.stopContainer);
  const stopContainer = useDesk((s) => s.stopContainer);
  const clearError = useDesk((s) => s.clearActionError);
  const words = removeWords(container);
  if (!words) return null;
  const target = { root: container.root, id: container.id };
  const titleId = `remove-title-${container.id}`;
  return (
    // A row opens the details on click; what happens in here must not.
    <span className="remove-container" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <button
        type="button"
        className={small ? 'button small danger' : 'button danger'}
        disabled={disabled}
        onClick={(e) => {
          e.currentTarget.focus(); // the modal gives focus back to it
          clearError('stopContainer');
          setOpen(true);
        }}
      >
        {words.label}
      </button>
      {open && (
        <ConfirmModal
          titleId={titleId}
          title={words.title}
          confirmLabel={words.confirmLabel}
          busy={busy}
          error={error}
          onCancel={() => setOpen(false)}
          onConfirm={() => void stopContainer(target).then((ok) => ok && setOpen(false))}
        >
          <p>
            <code className="mono">{container.id}</code> in <code className="mono">{container.root}</code>
          </p>
          <p>{words.body}</p>
        </ConfirmModal>
      )}
    </span>
  );
}
