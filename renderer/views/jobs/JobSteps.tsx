import type { JobStep } from '../../../shared/jobs';
import { CopyButton } from '../../components/CopyButton';
import { formatDuration, spanMs } from '../../lib/duration';
import { shellLine } from '../../lib/shell-quote';
import { useTicker } from '../../lib/use-ticker';

function StepOutcome({ step }: { step: JobStep }) {
  if (step.signal) return <span className="mono">signal {step.signal}</span>;
  if (step.exitCode !== null) return <span className="mono">exit {step.exitCode}</span>;
  return null;
}

/** What the job did, step by step, each with the exact command it ran. */
export function JobSteps({ steps }: { steps: JobStep[] }) {
  const now = useTicker(steps.some((s) => s.status === 'running'));
  if (steps.length === 0) return <p className="small muted">No steps yet.</p>;
  return (
    <ol className="plain-list job-steps">
      {steps.map((step, i) => {
        const ms = spanMs(step.startedAt, step.endedAt, now);
        return (
          <li
            key={`${i}:${step.name}`}
            className={`job-step step-${step.status}${step.name.startsWith('cuda-') ? ' step-cuda' : ''}`}
            data-testid="job-step"
            data-step={step.name}
          >
            <div className="step-head">
              {/* Numbered: a GPU checkpoint has a toggle per process, and the list gets long. */}
              <span className="step-index num muted">{i + 1}</span>
              <span className={`step-status step-${step.status}`}>{step.status}</span>
              <strong>{step.title}</strong>
              <StepOutcome step={step} />
              {ms !== null && <span className="muted">{formatDuration(ms)}</span>}
              {(step.stdoutLines > 0 || step.stderrLines > 0) && (
                <span className="muted small">
                  {step.stdoutLines} out · {step.stderrLines} err
                </span>
              )}
            </div>
            {step.argv && (
              <div className="step-command">
                <code className="mono wrap">{shellLine(step.argv)}</code>
                <CopyButton text={shellLine(step.argv)} label="Copy command" />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
