import { useEffect, useState } from 'react';
import type { HostInfo } from '../../../shared/model';
import { useDeskStore } from '../../store-context';
import { ALL_HOSTS } from './HostContainers';

/** Which host's containers show: this machine, another host, or all of them. Hidden until a host is added. */
export function HostSwitcher({ value, onChange }: { value: string; onChange: (host: string) => void }) {
  const { api } = useDeskStore();
  const [hosts, setHosts] = useState<HostInfo[]>([]);
  useEffect(() => {
    void api.listHosts({}).then(setHosts, () => setHosts([]));
  }, [api]);
  if (hosts.length <= 1) return null;
  return (
    <label className="host-switcher">
      <span className="small muted">Host</span>{' '}
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-label="Host">
        {hosts.map((h) => (
          <option key={h.name} value={h.name}>
            {h.name === 'local' ? 'This machine' : h.name}
          </option>
        ))}
        <option value={ALL_HOSTS}>All hosts</option>
      </select>
    </label>
  );
}
