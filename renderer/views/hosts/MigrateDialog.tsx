import { useEffect, useState } from 'react';
import type { DeskErrorShape } from '../../../shared/errors';
import type { Job, MigratePlan } from '../../../shared/jobs';
import type { Container, HostInfo } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Modal } from '../../components/Modal';
import { Spinner } from '../../components/Spinner';
import { useDeskStore } from '../../store-context';
import { errorShape } from './errors';
import { TransferProgress } from './TransferProgress';

/**
 * Migrate… a running container to another host: planned on both sides as the person
 * picks, then one job (checkpoint, copy, restore) whose copy shows as a progress bar.
 */
export function MigrateDialog({ container, onClose }: { container: Container; onClose: () => void }) {
  const { api } = useDeskStore();
  const from = container.host ?? 'local';
  const [hosts, setHosts] = useState<HostInfo[]>([]);
  const [toHost, setToHost] = useState('');
  const [toRoot, setToRoot] = useState('');
  const [leaveRunning, setLeaveRunning] = useState(false);
  const [deleteSource, setDeleteSource] = useState(false);
  const [plan, setPlan] = useState<MigratePlan | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void api.listHosts({}).then((list) => {
      const others = list.filter((h) => h.name !== from);
      setHosts(others);
      setToHost((current) => current || others[0]?.name || '');
    }, (e: unknown) => setError(errorShape(e)));
  }, [api, from]);

  const request = {
    host: from,
    root: container.root,
    id: container.id,
    toHost,
    ...(toRoot.trim() ? { toRoot: toRoot.trim() } : {}),
    ...(leaveRunning ? { leaveRunning: true } : {}),
    ...(deleteSource ? { deleteSource: true } : {}),
  };
  const key = JSON.stringify(request);

  useEffect(() => {
    if (!toHost || job) return;
    let current = true;
    setPlan(null);
    setError(null);
    api.planMigrate(JSON.parse(key)).then(
      (p) => current && setPlan(p),
      (e: unknown) => current && setError(errorShape(e)),
    );
    return () => {
      current = false;
    };
  }, [api, key, toHost, job]);

  useEffect(() => {
    if (!job) return;
    return api.on('job:update', (update) => {
      if (update.id === job.id) setJob(update);
    });
  }, [api, job?.id]);

  const start = async () => {
    setStarting(true);
    try {
      const { jobId } = await api.migrate(request);
      setJob(await api.getJob({ jobId }));
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setStarting(false);
    }
  };

  const running = job !== null && (job.status === 'running' || job.status === 'queued');
  return (
    <Modal labelledBy="migrate-title" onClose={onClose} className="dialog migrate-dialog">
      <h2 id="migrate-title">
        Migrate {container.id} from {from}
      </h2>
      {!job && (
        <div className="form">
          <div className="field">
            <label htmlFor="migrate-to-host">To host</label>
            <select id="migrate-to-host" className="input" value={toHost} onChange={(e) => setToHost(e.target.value)}>
              {hosts.map((h) => (
                <option key={h.name} value={h.name}>
                  {h.name}
                </option>
              ))}
            </select>
            {hosts.length === 0 && <p className="small muted">Add another host in Settings first.</p>}
          </div>
          <div className="field">
            <label htmlFor="migrate-to-root">Root on that host</label>
            <input id="migrate-to-root" className="input mono" value={toRoot} placeholder={plan?.target.root ?? container.root} spellCheck={false} onChange={(e) => setToRoot(e.target.value)} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={leaveRunning} onChange={(e) => setLeaveRunning(e.target.checked)} /> Leave it running here (start a copy there)
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={deleteSource} onChange={(e) => setDeleteSource(e.target.checked)} /> Remove it and its image here once it runs there
          </label>
          {plan && plan.problems.length > 0 && (
            <ul className="problems" role="alert">
              {plan.problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          )}
          {plan?.warnings.map((w) => (
            <p key={w} className="small warning">
              {w}
            </p>
          ))}
          {plan && plan.problems.length === 0 && (
            <p className="small muted">
              Checkpoint on {plan.source.host}, copy to <span className="mono">{plan.target.imagePath}</span> on {plan.target.host}, restore there
              in {plan.target.root}. runsc {plan.source.runscVersion ?? '?'} on both.
            </p>
          )}
        </div>
      )}
      {error && <ErrorBlock error={error} alert />}
      {job && (
        <div className="migrate-job" aria-live="polite">
          <p>
            {job.title}: <strong>{job.status}</strong>
            {job.steps.length > 0 && <> · {job.steps.at(-1)!.title}</>}
          </p>
          {job.transfer && <TransferProgress transfer={job.transfer} />}
          {job.error && <ErrorBlock error={job.error} />}
        </div>
      )}
      <div className="button-row">
        {!job && (
          <button type="button" className="button primary" onClick={() => void start()} disabled={!plan || plan.problems.length > 0 || starting} aria-busy={starting}>
            {starting && <Spinner />}
            Migrate
          </button>
        )}
        {running && (
          <button type="button" className="button" onClick={() => void api.cancelJob({ jobId: job.id })}>
            Cancel
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {running ? 'Hide' : 'Close'}
        </button>
      </div>
    </Modal>
  );
}
