import type { RestorePlan } from '../../../shared/images';

/**
 * "from the image record", next to a field the plan filled in: a restore with another
 * bundle or other global flags than the checkpoint breaks, so say where the value came from.
 */
export function DefaultHint({ plan, field, id }: { plan: RestorePlan | null; field: string; id: string }) {
  const from = plan?.defaults.find((d) => d.field === field)?.from;
  if (!from) return null;
  return (
    <span id={id} className="default-hint small" data-testid="default-hint" data-field={field}>
      from {from}
    </span>
  );
}
