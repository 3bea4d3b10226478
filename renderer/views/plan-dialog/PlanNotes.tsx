import type { Problem } from '../../../shared/jobs';

/** Under a plan's fields: the problems no field of the form holds, then the plan's warnings. */
export function PlanNotes({ problems, warnings }: { problems: Problem[]; warnings: string[] }) {
  return (
    <>
      {problems.length > 0 && (
        <ul className="plain-list problem-list" role="alert">
          {problems.map((p, i) => (
            <li key={`${i}:${p.field}`} className="field-error" data-testid="plan-problem" data-field={p.field} data-code={p.code}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="plain-list warnings" data-testid="plan-warnings" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={i} className="text-warning">
              {w}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
