import type { Problem } from '../../shared/jobs';

/** A field's problems, next to it; the input points here with aria-describedby. */
export function FieldProblems({ id, problems }: { id: string; problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="plain-list field-problems">
      {problems.map((p, i) => (
        <li key={`${i}:${p.field}`} className="field-error" data-testid="plan-problem" data-field={p.field} data-code={p.code}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}
