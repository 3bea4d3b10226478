import type { Container } from '../../../shared/model';
import { latestComplete } from '../../lib/filter-images';
import { activeJobOn, jobProgress } from '../../lib/job-progress';
import { useDesk } from '../../store-context';
import { RemoveContainer } from './RemoveContainer';

/**
 * What a container can do next, by where it is in its life: running → Checkpoint;
 * stopped with an image → Restore (in place) and Delete; a job on it → that job's
 * state, a click away, with the actions held until it ends.
 */
export function RowActions({ container: c }: { container: Container }) {
  const job = useDesk((s) => activeJobOn(s.jobs, c));
  const images = useDesk((s) => s.images);
  const openCheckpoint = useDesk((s) => s.openCheckpoint);
  const openRestore = useDesk((s) => s.openRestore);
  const openJob = useDesk((s) => s.openJob);
  const latest = c.status === 'stopped' && images ? latestComplete(images.images, c.id) : null;
  const busy = job !== null;

  return (
    // The row opens the details; the buttons here must not do that as well.
    <div className="row-actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {job && (
        <button
          type="button"
          className="link-button small row-job"
          data-testid="row-job"
          title={`${job.title}: open it in Jobs`}
          onClick={() => openJob(job.id)}
        >
          <span role="status">{jobProgress(job).label}</span>
        </button>
      )}
      {c.status === 'running' && c.manager !== 'containerd' && (
        <button
          type="button"
          className="button small"
          disabled={busy}
          title={busy ? 'Wait for the job on it to end' : `Save ${c.id}'s state to an image folder`}
          onClick={(e) => {
            // Safari does not focus a clicked button; the dialog gives focus back to it.
            e.currentTarget.focus();
            openCheckpoint({ root: c.root, id: c.id });
          }}
        >
          Checkpoint
        </button>
      )}
      {c.status === 'stopped' && latest && (
        <button
          type="button"
          className="button small primary"
          disabled={busy}
          title={`Bring ${c.id} back from its newest image, ${latest.path}`}
          onClick={(e) => {
            e.currentTarget.focus();
            openRestore(latest);
          }}
        >
          Restore
        </button>
      )}
      {c.status === 'stopped' && <RemoveContainer container={c} small disabled={busy} />}
    </div>
  );
}
