import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import type { RunscBinaryInfo } from '../../../shared/model';
import { useDesk } from '../../store-context';
import { PlannedSelect } from './PlannedSelect';

/** The problem that an image made by another runsc version gets, before anything runs. */
export const RUNSC_MISMATCH = 'RUNSC_MISMATCH';

/**
 * Which runsc restores the image: runsc restores only images of its own version, so the
 * plan picks the binary whose version made it, and this field says which, lets a person
 * pick another, and (only once the plan refuses a mismatch) lets them try anyway.
 */
export function RunscField(props: {
  value: string;
  allowMismatch: boolean;
  plan: RestorePlan | null;
  /** The image's runsc version, when the record knows it. */
  madeBy: string | null;
  problems: Problem[];
  /** The plan refuses this restore for a version mismatch, wherever the problem sits. */
  mismatch: boolean;
  onChange: (patch: { runsc?: string; allowVersionMismatch?: boolean }) => void;
}) {
  const { value, allowMismatch, plan, madeBy, problems, mismatch, onChange } = props;
  const binaries = useDesk((s) => s.overview?.runscBinaries) ?? [];
  const usable = binaries.filter((b) => !b.error);
  const resolved = plan?.resolved.runsc ?? null;
  // A path picked before that is not among the binaries found still shows as picked.
  const unlisted = value && !usable.some((b) => b.path === value || b.alsoAt.includes(value));

  return (
    <PlannedSelect
      field="runsc"
      label="runsc"
      value={value}
      defaulted={value === ''}
      plan={plan}
      problems={problems}
      onChange={(runsc) => onChange({ runsc })}
      helpTestId="restore-runsc"
      help={
        <>
          {resolved ? (
            <>
              Restores with <code className="mono">{resolved}</code>
              {versionOf(binaries, resolved) && <> (runsc {versionOf(binaries, resolved)})</>}.
            </>
          ) : (
            'The runsc that restores the image.'
          )}{' '}
          {madeBy ? `The image was made by runsc ${madeBy}; runsc restores only images of its own version.` : ''}
        </>
      }
      after={
        (mismatch || allowMismatch) && (
          <label className="check-label override" data-testid="allow-mismatch">
            <input type="checkbox" checked={allowMismatch} onChange={(e) => onChange({ allowVersionMismatch: e.target.checked })} />
            Restore with another runsc version anyway
          </label>
        )
      }
    >
      <option value="">{madeBy ? `The image's version (${madeBy}), else the default` : 'The default runsc'}</option>
      {unlisted && <option value={value}>{value}</option>}
      {usable.map((b) => (
        <option key={b.path} value={b.path}>
          {label(b, madeBy)}
        </option>
      ))}
    </PlannedSelect>
  );
}

function label(b: RunscBinaryInfo, madeBy: string | null): string {
  const tags = [b.isDefault && 'default', madeBy && b.version === madeBy && "the image's version"].filter(Boolean);
  return `${b.version ?? 'version unknown'} — ${b.path}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
}

function versionOf(binaries: RunscBinaryInfo[], path: string): string | null {
  return binaries.find((b) => b.path === path || b.alsoAt.includes(path))?.version ?? null;
}
