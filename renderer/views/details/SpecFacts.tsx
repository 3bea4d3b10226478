import type { SpecSummary } from '../../../shared/model';
import { shellWord } from '../../lib/shell-quote';

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
      {spec.mounts.length > 0 && (
        <table className="grid mounts-table">
          <caption>Mounts</caption>
          <thead>
            <tr>
              <th className="col-dest">Destination</th>
              <th className="col-type">Type</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {spec.mounts.map((m, i) => (
              <tr key={`${i}:${m.destination}`}>
                <td className="mono truncate" title={m.destination}>
                  {m.destination}
                </td>
                <td className="mono">{m.type}</td>
                <td className="mono truncate" title={m.source}>
                  {m.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
