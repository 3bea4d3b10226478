import type { ImageSummary } from '../../../shared/images';
import { useDesk } from '../../store-context';

/** "Restore", open only for a complete image; otherwise disabled, with the reason in view. */
export function RestoreAction({ image }: { image: ImageSummary }) {
  const openRestore = useDesk((s) => s.openRestore);
  const ok = image.state === 'complete';
  const why = ok ? null : `Only a complete image can be restored; this one is ${image.state}.`;
  return (
    <>
      <button
        type="button"
        className="button primary"
        disabled={!ok}
        title={why ?? 'Restore this image into a new container'}
        aria-describedby={why ? 'restore-disabled-reason' : undefined}
        onClick={(e) => {
          e.currentTarget.focus(); // the dialog gives focus back to it
          openRestore(image);
        }}
      >
        Restore
      </button>
      {why && (
        <span id="restore-disabled-reason" className="small muted action-reason">
          {why}
        </span>
      )}
    </>
  );
}
