import type { Job } from '../../shared/jobs';

/** What the person should know that did not stop the job: warnings (amber), then notes. */
export function JobNotes({ job }: { job: Job }) {
  if (job.warnings.length === 0 && job.notes.length === 0) return null;
  return (
    <div className="job-notes">
      {job.warnings.length > 0 && (
        <ul className="plain-list warnings" aria-label="Warnings">
          {job.warnings.map((w, i) => (
            <li key={`w${i}`} className="text-warning">
              {w}
            </li>
          ))}
        </ul>
      )}
      {job.notes.length > 0 && (
        <ul className="plain-list notes" aria-label="Notes">
          {job.notes.map((n, i) => (
            <li key={`n${i}`}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
