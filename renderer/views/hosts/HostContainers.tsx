import { useCallback, useEffect, useState } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { Container, ContainerList } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { StatusBadge } from '../../components/StatusBadge';
import { useDeskStore } from '../../store-context';
import { errorShape } from './errors';
import { MigrateDialog } from './MigrateDialog';

export const ALL_HOSTS = '*';

/**
 * The containers of another host, or of every host at once (then with a host column; a
 * host that does not answer is said with ssh's words while the others still show).
 * Each running one offers Migrate….
 */
export function HostContainers({ host }: { host: string }) {
  const { api } = useDeskStore();
  const [list, setList] = useState<ContainerList | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [migrating, setMigrating] = useState<Container | null>(null);
  const all = host === ALL_HOSTS;

  const load = useCallback(async () => {
    try {
      setList(await api.listContainers(all ? { allHosts: true } : { host }));
      setError(null);
    } catch (e) {
      setError(errorShape(e));
    }
  }, [api, host, all]);

  useEffect(() => {
    setList(null);
    void load();
    // The service pushes each host's listing as it changes.
    return api.on('containers:changed', (changed) => {
      if (all || changed.host === host) void load();
    });
  }, [api, load, host, all]);

  return (
    <div className="host-containers">
      {error && <ErrorBlock error={error} />}
      {list?.hosts
        ?.filter((h) => !h.reachable && h.error)
        .map((h) => (
          <div key={h.name} className="card warning" role="status">
            <strong>{h.name}</strong> is unreachable: {h.error!.message}
          </div>
        ))}
      {list && list.containers.length === 0 && <p className="muted">No containers{all ? ' on any host' : ` on ${host}`}.</p>}
      {list && list.containers.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              {all && <th scope="col">Host</th>}
              <th scope="col">Container</th>
              <th scope="col">Status</th>
              <th scope="col">Root</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.containers.map((c) => (
              <tr key={`${c.host}:${c.root}:${c.id}`}>
                {all && <td>{c.host ?? 'local'}</td>}
                <td className="mono">{c.id}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="mono small">{c.root}</td>
                <td>
                  {c.status === 'running' && c.manager === 'runsc' && (
                    <button type="button" className="button" onClick={() => setMigrating(c)}>
                      Migrate…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {migrating && (
        <MigrateDialog
          container={migrating}
          onClose={() => {
            setMigrating(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
