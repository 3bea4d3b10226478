import type { Job } from '../../shared/jobs';
import { decisiveStep } from '../lib/job-status';
import { StderrTail } from './StderrTail';

const lastLines = (text: string, n: number) => text.replace(/\s+$/, '').split('\n').slice(-n).join('\n');

/**
 * Why a job did not succeed, in runsc's own words: the diagnosis when the Desk knows
 * the failure, else the last stderr lines and the exit code. An exit status is never
 * shown without one of them beside it.
 */
export function JobOutcome({ job }: { job: Job }) {
  if (job.status !== 'failed' && job.status !== 'interrupted' && job.status !== 'cancelled') return null;
  const { diagnosis, error } = job;
  const step = decisiveStep(job);
  const exitCode = error?.details?.exitCode ?? step?.exitCode ?? null;
  const signal = error?.details?.signal ?? step?.signal ?? null;
  const stderr = typeof error?.details?.stderr === 'string' && error.details.stderr.trim() !== '' ? error.details.stderr : null;

  return (
    <section className={`job-outcome outcome-${job.status}`} aria-label="Outcome">
      {job.status === 'cancelled' && (
        <p>
          Cancelled.
          {job.imagePath && job.createdDirs.length > 0 && (
            <>
              {' '}
              What runsc wrote to <code className="mono">{job.imagePath}</code> is partial and is not listed as an image.
            </>
          )}
        </p>
      )}
      {job.status === 'interrupted' && (
        <p>The Desk stopped while this job ran, so its end is unknown. The log up to that moment is below.</p>
      )}
      {error && (
        <p className="error-message">
          {error.message} <span className="error-code">{error.code}</span>
        </p>
      )}
      {diagnosis ? (
        <div className="diagnosis-block" data-testid="diagnosis">
          <h3>{diagnosis.title}</h3>
          <pre className="evidence">{diagnosis.evidence}</pre>
          <p>
            <strong>Fix:</strong> {diagnosis.fix}
          </p>
        </div>
      ) : (
        job.status === 'failed' &&
        (stderr ? <pre className="stderr-block">{lastLines(stderr, 20)}</pre> : <StderrTail jobId={job.id} />)
      )}
      {job.status === 'failed' && (exitCode !== null || signal) && (
        <p className="small muted">
          {step ? `${step.title}: ` : ''}
          {exitCode !== null ? `exit code ${exitCode}` : ''}
          {exitCode !== null && signal ? ', ' : ''}
          {signal ? `signal ${signal}` : ''}
        </p>
      )}
    </section>
  );
}
