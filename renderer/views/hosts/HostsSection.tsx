import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { HostInfo, HostTest } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { useDeskStore } from '../../store-context';
import { errorShape } from './errors';
import { HostTestResult } from './HostTestResult';

/**
 * The hosts the Desk reaches over SSH, by the names of the person's own ssh config: add
 * one (tested at once), test it again, remove it. Nothing is installed on a host.
 */
export function HostsSection() {
  const { api } = useDeskStore();
  const [hosts, setHosts] = useState<HostInfo[] | null>(null);
  const [tests, setTests] = useState<Record<string, HostTest>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');

  const load = useCallback(async () => {
    try {
      setHosts(await api.listHosts({}));
    } catch (e) {
      setError(errorShape(e));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const test = async (host: string, acceptHostKey = false) => {
    setBusy(host);
    try {
      const result = await api.testHost({ name: host, ...(acceptHostKey ? { acceptHostKey: true } : {}) });
      setTests((t) => ({ ...t, [host]: result }));
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(null);
    }
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy('add');
    try {
      const added = name.trim();
      setHosts(await api.addHost({ name: added, target: target.trim() }));
      setName('');
      setTarget('');
      setBusy(null);
      await test(added);
    } catch (err) {
      setError(errorShape(err));
      setBusy(null);
    }
  };

  const remove = async (host: string) => {
    setBusy(host);
    try {
      setHosts(await api.removeHost({ name: host }));
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="hosts-title">
      <h2 id="hosts-title">Hosts</h2>
      <p className="small muted">
        Other machines, reached with your own ssh (its config, keys, agent and known_hosts). A host needs runsc and sshd; the Desk installs
        nothing there.
      </p>
      {error && <ErrorBlock error={error} alert />}
      <ul className="hosts-list">
        {(hosts ?? []).map((h) => (
          <li key={h.name}>
            <div className="button-row">
              <strong>{h.name}</strong>
              <span className="mono small muted">{h.target ? `ssh ${h.target}` : 'this machine'}</span>
              <button type="button" className="button" onClick={() => void test(h.name)} disabled={busy !== null} aria-busy={busy === h.name}>
                {busy === h.name && <Spinner />}
                Test
              </button>
              {h.target && (
                <button type="button" className="button" onClick={() => void remove(h.name)} disabled={busy !== null}>
                  Remove
                </button>
              )}
            </div>
            {tests[h.name] && <HostTestResult test={tests[h.name]!} onAcceptKey={() => void test(h.name, true)} accepting={busy === h.name} />}
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={add} aria-labelledby="add-host-title">
        <h3 id="add-host-title">Add host</h3>
        <div className="field">
          <label htmlFor="host-name">Name</label>
          <input id="host-name" className="input" value={name} placeholder="gpu-3" spellCheck={false} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="host-target">ssh target</label>
          <input id="host-target" className="input mono" value={target} placeholder="gpu-3, or root@10.0.0.5" spellCheck={false} autoComplete="off" onChange={(e) => setTarget(e.target.value)} />
          <p className="small muted">What you would type after ssh. The Desk never prompts: your key must be in your agent or named in your ssh config.</p>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy !== null || !name.trim() || !target.trim()} aria-busy={busy === 'add'}>
            {busy === 'add' && <Spinner />}
            Add and test
          </button>
        </div>
      </form>
    </section>
  );
}
