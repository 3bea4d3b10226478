import type { Job } from '../../shared/jobs';
import { decisiveStep, failureReason } from '../lib/job-status';
import { personalMessage } from '../lib/field-names';
import { StderrTail } from './StderrTail';

const lastLines = (text: string, n: number) => text.replace(/\s+$/, '').split('\n').slice(-n).join('\n');

/**
 * Why a job did not succeed, said once: the cause as the headline (the diagnosis, else
 * runsc's own line), the fix, and behind "Details" the rest: the error and its code,
 * runsc's evidence or last stderr lines, the step's exit code.
 */
export function JobOutcome({ job }: { job: Job }) {
  if (job.status !== 'failed' && job.status !== 'interrupted' && job.status !== 'cancelled') return null;
  const { diagnosis, error } = job;
  const step = decisiveStep(job);
  const exitCode = error?.details?.exitCode ?? step?.exitCode ?? null;
  const signal = error?.details?.signal ?? step?.signal ?? null;
  const stderr = typeof error?.details?.stderr === 'string' && error.details.stderr.trim() !== '' ? error.details.stderr : null;
  const failed = job.status === 'failed';

  const details = (
    <details className="error-details">
      <summary className="small">Details</summary>
      {error && (
        <p className="small">
          {personalMessage(error)} <span className="error-code">{error.code}</span>
        </p>
      )}
      {diagnosis && <pre className="evidence">{diagnosis.evidence}</pre>}
      {!diagnosis && failed && (stderr ? <pre className="stderr-block">{lastLines(stderr, 20)}</pre> : <StderrTail jobId={job.id} />)}
      {failed && (exitCode !== null || signal) && (
        <p className="small muted">
          {step ? `${step.title}: ` : ''}
          {exitCode !== null ? `exit code ${exitCode}` : ''}
          {exitCode !== null && signal ? ', ' : ''}
          {signal ? `signal ${signal}` : ''}
        </p>
      )}
    </details>
  );

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
      {diagnosis ? (
        <div className="diagnosis-block" data-testid="diagnosis">
          <h3 className="error-headline">{diagnosis.title}</h3>
          <p>
            <strong>Fix:</strong> {diagnosis.fix}
          </p>
          {details}
        </div>
      ) : (
        <>
          {failed && <p className="error-headline">{failureReason(job)}</p>}
          {(error || failed) && details}
        </>
      )}
    </section>
  );
}
