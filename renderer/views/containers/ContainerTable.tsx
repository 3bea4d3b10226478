import type { KeyboardEvent } from 'react';
import type { Container } from '../../../shared/model';
import { ContainerName } from './ContainerName';
import { RelativeTime } from '../../components/RelativeTime';
import { StatusBadge } from '../../components/StatusBadge';
import { useDesk } from '../../store-context';
import { RowActions } from './RowActions';
import { composeGroups } from './compose-groups';

/** One root's containers; a row opens its details, and its actions follow its life. */
export function ContainerTable({ containers }: { containers: Container[] }) {
  const selected = useDesk((s) => s.selected);
  const selectContainer = useDesk((s) => s.selectContainer);

  const open = (c: Container) => void selectContainer({ root: c.root, id: c.id });
  const onKey = (e: KeyboardEvent, c: Container) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(c);
    }
  };

  const groups = composeGroups(containers);
  // Docker's containers are known by name: the column says so, and Compose projects head their rows.
  const named = containers.some((c) => c.docker);

  return (
    <table className="grid containers-table">
      <thead>
        <tr>
          <th className="col-status">Status</th>
          <th className="col-id">{named ? 'Name' : 'ID'}</th>
          <th className="col-pid">PID</th>
          <th>Bundle</th>
          <th className="col-created">Created</th>
          <th className="col-actions">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody
          key={group.project ?? ''}
          data-testid={group.project ? 'compose-project' : undefined}
          data-project={group.project ?? undefined}
        >
          {group.project && (
            <tr className="compose-head">
              <th colSpan={6} scope="rowgroup">
                <span className="small muted">Compose project</span> <span className="mono">{group.project}</span>{' '}
                <span className="small muted">
                  · {group.containers.length} {group.containers.length === 1 ? 'container' : 'containers'}
                </span>
              </th>
            </tr>
          )}
          {group.containers.map((c) => {
            const isOpen = selected?.root === c.root && selected.id === c.id;
            return (
              <tr
                key={c.id}
                data-testid="container-row"
                data-id={c.id}
                data-status={c.status}
                className={isOpen ? 'row is-open' : 'row'}
                tabIndex={0}
                onClick={() => open(c)}
                onKeyDown={(e) => onKey(e, c)}
              >
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="mono truncate" title={c.docker ? `${c.docker.name} (${c.id})` : c.id}>
                  <ContainerName c={c} />
                </td>
                <td className="mono num">{c.pid ?? '—'}</td>
                <td className="mono truncate" title={c.bundle}>
                  {c.bundle}
                </td>
                <td>
                  <RelativeTime iso={c.created} />
                </td>
                <td className="actions">
                  <RowActions container={c} />
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
