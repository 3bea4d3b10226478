import type { Job } from '../../shared/jobs';
import { endedContainer } from '../lib/ended-container';
import { formFromRequest } from '../state/checkpoint-request';
import { useDesk } from '../store-context';
import { ErrorBlock } from './ErrorBlock';
import { Spinner } from './Spinner';

/**
 * After a failed checkpoint, what matters first: whether the container is still there
 * ("sample-3 is no longer running; its last good image is …"), and the ways on:
 * restore from that image, try again with the same choices, delete the partial image.
 */
export function JobAftermath({ job }: { job: Job }) {
  const containers = useDesk((s) => s.containers);
  const images = useDesk((s) => s.images);
  const openRestore = useDesk((s) => s.openRestore);
  const openCheckpoint = useDesk((s) => s.openCheckpoint);
  const closeCheckpoint = useDesk((s) => s.closeCheckpoint);
  const deleteImage = useDesk((s) => s.deleteImage);
  const deletion = useDesk((s) => (job.imagePath && s.imageDelete?.path === job.imagePath ? s.imageDelete : null));
  if (job.kind !== 'checkpoint' || (job.status !== 'failed' && job.status !== 'cancelled' && job.status !== 'interrupted')) return null;
  const ended = endedContainer(job, containers, images?.images ?? null);
  const target = job.target;
  const partialPath = job.imagePath && (ended?.partial || job.createdDirs.length > 0) ? job.imagePath : null;
  const deleted = deletion?.result !== null && deletion?.result !== undefined;

  return (
    <section className="job-aftermath" data-testid="job-aftermath" aria-label="What now">
      {ended && (
        <p className="ended-line" data-testid="ended-container">
          <strong>{ended.id} is no longer running</strong>
          {ended.lastGood ? (
            <>
              ; its last good image is <code className="mono wrap">{ended.lastGood.path}</code>.
            </>
          ) : (
            '; it has no complete image to restore from.'
          )}{' '}
          A plain checkpoint that fails ends the sandbox.
        </p>
      )}
      <div className="button-row">
        {ended?.lastGood && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              closeCheckpoint();
              openRestore(ended.lastGood!);
            }}
          >
            Restore from that image
          </button>
        )}
        <button
          type="button"
          className="button"
          title="The same choices, filled in, and a new image folder"
          onClick={() => openCheckpoint({ root: target.root, id: target.id }, formFromRequest(job.options))}
        >
          Try again
        </button>
        {partialPath && !deleted && (
          <button
            type="button"
            className="button danger"
            disabled={deletion?.pending === true}
            aria-busy={deletion?.pending === true}
            title={`Remove what runsc left in ${partialPath}`}
            onClick={() => void deleteImage(partialPath)}
          >
            {deletion?.pending && <Spinner />}
            Delete the partial image
          </button>
        )}
        {deleted && <span className="small muted">Partial image deleted.</span>}
      </div>
      {deletion?.error && <ErrorBlock error={deletion.error} alert />}
    </section>
  );
}
