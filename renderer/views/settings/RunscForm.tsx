import { useState, type FormEvent } from 'react';
import type { PrivilegeMode, Settings } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldError, blames } from '../../components/FieldError';
import { Spinner } from '../../components/Spinner';
import { PRIVILEGE_MODES } from '../../lib/privilege';
import { useDesk } from '../../store-context';

/** Which runsc binary, and how the Desk gets the privilege it needs. */
export function RunscForm({ settings, foundPath }: { settings: Settings; foundPath: string | null }) {
  const [runscPath, setRunscPath] = useState(settings.runscPath ?? '');
  const [privilege, setPrivilege] = useState<PrivilegeMode>(settings.privilege);
  const busy = useDesk((s) => s.pending.updateSettings === true);
  const error = useDesk((s) => s.actionErrors.updateSettings);
  const updateSettings = useDesk((s) => s.updateSettings);
  const [saved, setSaved] = useState(false);
  // The other settings forms save through the same action: only this form's save spins here.
  const [asking, setAsking] = useState(false);

  const pathBlamed = blames(error, 'runscPath');
  const privilegeBlamed = blames(error, 'privilege');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const path = runscPath.trim();
    setAsking(true);
    setSaved(await updateSettings({ runscPath: path === '' ? null : path, privilege }));
    setAsking(false);
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="runsc-form-title">
      <h2 id="runsc-form-title">runsc</h2>
      <div className="field">
        <label htmlFor="runsc-path">runsc path</label>
        <input
          id="runsc-path"
          className="input mono"
          value={runscPath}
          placeholder={foundPath ?? '/usr/bin/runsc'}
          aria-invalid={pathBlamed}
          aria-describedby={pathBlamed ? 'runsc-path-error' : 'runsc-path-help'}
          onChange={(e) => setRunscPath(e.target.value)}
        />
        {pathBlamed && error ? (
          <FieldError id="runsc-path-error" error={error} />
        ) : (
          <p id="runsc-path-help" className="small muted">
            Empty: the Desk searches PATH and the usual places{foundPath ? ` (it found ${foundPath})` : ''}.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="privilege">Privilege</label>
        <select
          id="privilege"
          className="input"
          value={privilege}
          aria-invalid={privilegeBlamed}
          aria-describedby="privilege-help"
          onChange={(e) => setPrivilege(e.target.value as PrivilegeMode)}
        >
          {PRIVILEGE_MODES.map((p) => (
            <option key={p.mode} value={p.mode}>
              {p.label}
            </option>
          ))}
        </select>
        <ul id="privilege-help" className="plain-list small muted">
          {PRIVILEGE_MODES.map((p) => (
            <li key={p.mode} className={p.mode === privilege ? 'current' : undefined}>
              <code className="mono">{p.label}</code>: {p.explain}
            </li>
          ))}
        </ul>
        {privilegeBlamed && error && <FieldError id="privilege-error" error={error} />}
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy && asking && <Spinner />}
          Save
        </button>
        {saved && !busy && <span className="small muted">Saved.</span>}
      </div>
      {error && !pathBlamed && !privilegeBlamed && !blames(error, 'cudaCheckpointPath') && !blames(error, 'runscBinaries') && <ErrorBlock error={error} alert />}
    </form>
  );
}
