import type { SpecSummary } from '../../../../shared/model';
import { shellWord } from '../../../lib/shell-quote';
import { MountsTable } from '../../../components/MountsTable';

/** The parts of the bundle's config.json that matter before a checkpoint. */
export function SpecFacts({ spec }: { spec: SpecSummary }) {
  return (
    <>
      <dl className="facts">
        <dt>Command</dt>
        <dd className="mono wrap">{spec.args.map(shellWord).join(' ') || '—'}</dd>
        <dt>cwd</dt>
        <dd className="mono">{spec.cwd}</dd>
        <dt>Hostname</dt>
        <dd className="mono">{spec.hostname ?? '—'}</dd>
        <dt>Root path</dt>
        <dd>
          <span className="mono">{spec.rootPath}</span>{' '}
          <span className="muted">{spec.rootReadonly ? '(read-only)' : '(writable)'}</span>
        </dd>
        <dt>NVIDIA</dt>
        <dd>{spec.nvidia ? 'yes' : 'no'}</dd>
      </dl>
      <MountsTable mounts={spec.mounts} />
    </>
  );
}
