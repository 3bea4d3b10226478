import type { ImageSummary, RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { FlagChips } from '../../components/FlagChips';
import { useDesk } from '../../store-context';
import { PlannedSelect } from './PlannedSelect';

/**
 * The root to restore into: the roots the Desk knows, preset to the plan's. A root the
 * record names but the Desk does not know stays in the list, so its problem makes sense.
 */
export function RootField(props: {
  value: string;
  image: ImageSummary;
  plan: RestorePlan | null;
  problems: Problem[];
  onChange: (value: string) => void;
}) {
  const { value, image, plan, problems, onChange } = props;
  const roots = useDesk((s) => s.overview?.roots);
  const shown = value || plan?.resolved.root || '';
  const known = roots?.some((r) => r.path === shown) ?? false;
  const record = image.record;

  return (
    <PlannedSelect
      field="root"
      label="Root"
      value={shown}
      defaulted={value === ''}
      plan={plan}
      problems={problems}
      // Picking the record's own root again is the default again: the hint comes back.
      onChange={(picked) => onChange(picked === record?.root ? '' : picked)}
      help={
        record ? (
          <>
            Checkpointed in <code className="mono">{record.root}</code> with <FlagChips flags={record.globalFlags} />. The
            restore passes the global flags of the root picked here; they must match.
          </>
        ) : (
          'The runsc root the container is restored into; its global flags must match the ones the image was made with.'
        )
      }
    >
      {!shown && <option value="">{plan ? 'Pick a root' : 'Working out the default…'}</option>}
      {shown && !known && <option value={shown}>{shown} (not a root the Desk knows)</option>}
      {roots?.map((r) => (
        <option key={r.path} value={r.path}>
          {r.path}
        </option>
      ))}
    </PlannedSelect>
  );
}
