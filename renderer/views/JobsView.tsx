import { useEffect } from 'react';
import { ErrorBlock } from '../components/ErrorBlock';
import { isFailure } from '../lib/job-status';
import type { JobFilter } from '../store';
import { useDesk } from '../store-context';
import { JobDetailsPanel } from './jobs/JobDetailsPanel';
import { JobsTable } from './jobs/JobsTable';

const FILTERS: { filter: JobFilter; label: string; title: string }[] = [
  { filter: 'all', label: 'All', title: 'Every job, newest first' },
  { filter: 'failures', label: 'Failed or interrupted', title: 'Jobs that failed, and jobs the Desk stopped in the middle' },
];

/** Every checkpoint the Desk ran, and why each one ended as it did. */
export function JobsView() {
  const jobs = useDesk((s) => s.jobs);
  const loaded = useDesk((s) => s.jobsLoaded);
  const loading = useDesk((s) => s.jobsLoading);
  const error = useDesk((s) => s.jobsError);
  const filter = useDesk((s) => s.jobFilter);
  const setFilter = useDesk((s) => s.setJobFilter);
  const refreshJobs = useDesk((s) => s.refreshJobs);
  const selectedId = useDesk((s) => s.selectedJobId);

  useEffect(() => {
    void refreshJobs();
  }, [refreshJobs]);

  const shown = filter === 'failures' ? jobs.filter((j) => isFailure(j.status)) : jobs;
  const selected = selectedId ? jobs.find((j) => j.id === selectedId) : undefined;

  return (
    <div className="view jobs-view">
      <div className="view-head">
        <h1>Jobs</h1>
        <button
          type="button"
          className="button"
          disabled={loading}
          aria-busy={loading}
          title="Read the list again (it also updates as jobs change)"
          onClick={() => void refreshJobs()}
        >
          Refresh
        </button>
      </div>
      {error && <ErrorBlock error={error} />}
      {jobs.length === 0 ? (
        loaded ? (
          <p className="card empty-jobs">No jobs yet — checkpoint a container from the Containers view.</p>
        ) : (
          !error && <p className="muted">Reading jobs…</p>
        )
      ) : (
        <>
          <div className="toolbar">
            <div className="segmented" role="group" aria-label="Which jobs to show">
              {FILTERS.map((f) => (
                <button
                  key={f.filter}
                  type="button"
                  aria-pressed={filter === f.filter}
                  title={f.title}
                  onClick={() => setFilter(f.filter)}
                >
                  {f.label}
                </button>
              ))}
            </div>
            <span className="small muted">
              {shown.length} of {jobs.length} {jobs.length === 1 ? 'job' : 'jobs'}
            </span>
          </div>
          {shown.length > 0 ? (
            <JobsTable jobs={shown} />
          ) : (
            <p className="muted small">No job failed or was interrupted.</p>
          )}
        </>
      )}
      {selected && <JobDetailsPanel job={selected} />}
    </div>
  );
}
