import type { KeyboardEvent } from 'react';
import type { Job } from '../../../shared/jobs';
import { JobStatusBadge } from '../../components/JobStatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { msToIso } from '../../lib/paths';
import { useDesk } from '../../store-context';

/**
 * The jobs that wrote or restored this image; a row opens the job in Jobs. Rows, not
 * buttons: a job titled "Restore …" must not read as a second Restore button.
 */
export function ImageJobs({ jobs }: { jobs: Job[] }) {
  const openJob = useDesk((s) => s.openJob);
  const onKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openJob(id);
    }
  };
  return (
    <section className="details-part" aria-labelledby="image-jobs-title">
      <h3 id="image-jobs-title">Jobs</h3>
      {jobs.length === 0 ? (
        <p className="muted small">No job of the Desk made or restored this image.</p>
      ) : (
        <table className="grid image-jobs-table">
          <thead>
            <tr>
              <th className="col-status">Status</th>
              <th>Job</th>
              <th className="col-started">Started</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr
                key={job.id}
                className="row"
                data-testid="image-job"
                data-id={job.id}
                tabIndex={0}
                title="Open this job in Jobs"
                onClick={() => openJob(job.id)}
                onKeyDown={(e) => onKey(e, job.id)}
              >
                <td>
                  <JobStatusBadge status={job.status} />
                </td>
                <td className="truncate">{job.title}</td>
                <td>
                  <RelativeTime iso={msToIso(job.startedAt ?? job.createdAt)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
