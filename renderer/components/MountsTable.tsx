import type { MountSummary } from '../../shared/model';

/** A spec's mounts: a container's bundle, or one saved in an image's header. */
export function MountsTable({ mounts }: { mounts: MountSummary[] }) {
  if (mounts.length === 0) return null;
  return (
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
        {mounts.map((m, i) => (
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
  );
}
