import { useShallow } from 'zustand/react/shallow';
import { jobProgress, runningJobs } from '../lib/job-progress';
import { useDesk } from '../store-context';

/**
 * The jobs running now, whatever dialog was closed: a count, and each one with its
 * progress, a click from its details. Quiet when nothing runs.
 */
export function TasksIndicator() {
  const jobs = useDesk(useShallow((s) => runningJobs(s.jobs)));
  const openJob = useDesk((s) => s.openJob);
  return (
    <section className="tasks" aria-labelledby="tasks-title" data-testid="tasks">
      <h2 id="tasks-title" className="tasks-title">
        Tasks{' '}
        <span className={jobs.length > 0 ? 'count-badge active' : 'count-badge'} data-testid="tasks-count">
          {jobs.length}
        </span>
      </h2>
      {jobs.length === 0 ? (
        <p className="small muted tasks-empty">Nothing running.</p>
      ) : (
        <ul className="plain-list">
          {jobs.map((job) => {
            const p = jobProgress(job);
            return (
              <li key={job.id}>
                <button type="button" className="task-item" data-testid="task" onClick={() => openJob(job.id)} title={`Open ${job.title} in Jobs`}>
                  <span className="task-name truncate">{job.title}</span>
                  <span className="small muted">{p.label}</span>
                  <progress max={100} value={p.percent} aria-label={`${job.title}: ${p.percent} %`} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
