import type { CheckpointPlan } from '../../../shared/jobs';
import { CopyButton } from '../../components/CopyButton';
import { shellLine } from '../../lib/shell-quote';

export function previewText(plan: CheckpointPlan): string {
  const lines = [shellLine(plan.argv)];
  for (const f of plan.followUps) lines.push(`# then: ${f.title}`, shellLine(f.argv));
  return lines.join('\n');
}

/** The exact commands the job will run, as a shell would take them. */
export function CommandPreview({ plan, stale }: { plan: CheckpointPlan | null; stale: boolean }) {
  const text = plan ? previewText(plan) : '';
  return (
    <div className="command-preview-wrap">
      <div className="preview-head">
        <h3 id="cp-preview-title">Command</h3>
        {plan && <CopyButton text={text} label="Copy command" />}
      </div>
      <pre
        data-testid="command-preview"
        className={stale ? 'command-preview stale' : 'command-preview'}
        aria-labelledby="cp-preview-title"
        aria-busy={stale}
      >
        {plan ? text : 'Working out the command…'}
      </pre>
    </div>
  );
}
