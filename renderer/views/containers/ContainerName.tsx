import type { Container } from '../../../shared/model';
import { GpuBadge } from '../../components/GpuBadge';

/** Docker's ids are 64 characters: shown short, the whole one in the title and the copy. */
const SHORT_ID = 12;

/**
 * A container as people know it: Docker's name first (with its image and a Docker
 * badge) where Docker manages it, else runsc's id.
 */
export function ContainerName({ c }: { c: Container }) {
  if (!c.docker) {
    return (
      <>
        {c.gpu && <GpuBadge />}
        {c.id}
      </>
    );
  }
  const short = c.id.slice(0, SHORT_ID);
  return (
    <>
      {c.gpu && <GpuBadge />}
      <span
        className="chip docker-badge"
        data-testid="docker-badge"
        title={`Managed by Docker (runtime ${c.docker.runtime}, ${c.docker.runscPath}): the Desk changes it only through Docker.`}
      >
        Docker
      </span>
      <strong className="docker-name">{c.docker.name}</strong>{' '}
      <span className="muted">{c.docker.image}</span>{' '}
      <button
        type="button"
        className="link-button mono"
        title={`Copy the full id ${c.id}`}
        onClick={(e) => {
          e.stopPropagation();
          void navigator.clipboard?.writeText(c.id);
        }}
      >
        {short}
      </button>
    </>
  );
}
