import type { KeyboardEvent } from 'react';
import type { Job } from '../../../shared/jobs';
import { JobStatusBadge } from '../../components/JobStatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { useDesk } from '../../store-context';
import { JobDuration } from './JobDuration';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Every job, newest first; a row opens its details. */
export function JobsTable({ jobs }: { jobs: Job[] }) {
  const selected = useDesk((s) => s.selectedJobId);
  const selectJob = useDesk((s) => s.selectJob);
  const onKey = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void selectJob(id);
    }
  };
  return (
    <table className="grid jobs-table">
      <thead>
        <tr>
          <th className="col-status">Status</th>
          <th>Job</th>
          <th className="col-container">Container</th>
          <th className="col-started">Started</th>
          <th className="col-duration num">Duration</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr
            key={job.id}
            data-testid="job-row"
            data-id={job.id}
            data-status={job.status}
            className={job.id === selected ? 'row is-open' : 'row'}
            tabIndex={0}
            onClick={() => void selectJob(job.id)}
            onKeyDown={(e) => onKey(e, job.id)}
          >
            <td>
              <JobStatusBadge status={job.status} />
            </td>
            <td className="truncate" title={job.title}>
              {job.title}
            </td>
            <td className="mono truncate" title={`${job.target.id} in ${job.target.root}`}>
              {job.target.id}
            </td>
            <td>
              <RelativeTime iso={iso(job.startedAt ?? job.createdAt)} />
            </td>
            <td className="num">
              <JobDuration job={job} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
