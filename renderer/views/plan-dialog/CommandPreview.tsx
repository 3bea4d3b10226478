import { CopyButton } from '../../components/CopyButton';
import { shellLine } from '../../lib/shell-quote';

/** What both plans have: the command, and for checkpoint the commands after it. */
export interface PreviewPlan {
  argv: string[];
  followUps?: { title: string; argv: string[] }[];
}

export function previewText(plan: PreviewPlan): string {
  const lines = [shellLine(plan.argv)];
  for (const f of plan.followUps ?? []) lines.push(`# then: ${f.title}`, shellLine(f.argv));
  return lines.join('\n');
}

/** The exact commands the job will run, as a shell would take them. */
export function CommandPreview(props: { plan: PreviewPlan | null; stale: boolean; empty?: string }) {
  const { plan, stale, empty = 'No command until the problems above are fixed.' } = props;
  // A plan with problems may have no command to show (the plan could not build one).
  const text = plan && plan.argv.length > 0 ? previewText(plan) : '';
  return (
    <div className="command-preview-wrap">
      <div className="preview-head">
        <h3 id="cp-preview-title">Command</h3>
        {text && <CopyButton text={text} label="Copy command" />}
      </div>
      <pre
        data-testid="command-preview"
        className={stale ? 'command-preview stale' : 'command-preview'}
        aria-labelledby="cp-preview-title"
        aria-busy={stale}
      >
        {text || (plan ? empty : 'Working out the command…')}
      </pre>
    </div>
  );
}
