import type { ContainerSpecSummary } from '../../../shared/images';
import { shellWord } from '../../lib/shell-quote';
import { MountsTable } from '../../components/MountsTable';

/** The header's container_specs, readable: per container its command, mounts and devices. */
export function ImageContainers({ containers }: { containers: ContainerSpecSummary[] }) {
  if (containers.length === 0) return null;
  return (
    <section className="details-part" aria-labelledby="image-containers-title">
      <h3 id="image-containers-title">{containers.length === 1 ? 'Container' : 'Containers'} in the image</h3>
      {containers.map((c) => (
        <div key={c.id} className="image-container" data-testid="image-container" data-id={c.id}>
          <dl className="facts">
            <dt>ID</dt>
            <dd className="mono">{c.id}</dd>
            <dt>Command</dt>
            <dd className="mono wrap">{c.command.map(shellWord).join(' ') || '—'}</dd>
            <dt>Devices</dt>
            <dd className="mono wrap">{c.devices.length > 0 ? c.devices.join(', ') : <span className="muted">none</span>}</dd>
          </dl>
          <MountsTable mounts={c.mounts} />
        </div>
      ))}
    </section>
  );
}
