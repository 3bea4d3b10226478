import { useState, type FormEvent } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldError, blames } from '../../components/FieldError';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';
import { BrowseButton } from '../checkpoint/BrowseButton';

/** "--root-flag a --debug" → ["--root-flag", "a", "--debug"]: runsc gets them as typed. */
export function splitFlags(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Adds a runsc root, with the global flags every runsc call for it must carry. */
export function AddRootForm() {
  const [path, setPath] = useState('');
  const [flags, setFlags] = useState('');
  const addRoot = useDesk((s) => s.addRoot);
  const busy = useDesk((s) => s.pending.addRoot === true);
  const error = useDesk((s) => s.actionErrors.addRoot);
  const clearError = useDesk((s) => s.clearActionError);

  const pathBlamed = blames(error, 'path');
  const flagsBlamed = blames(error, 'globalFlags');

  const edit = (set: (v: string) => void) => (value: string) => {
    set(value);
    if (error) clearError('addRoot');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await addRoot(path.trim(), splitFlags(flags))) {
      setPath('');
      setFlags('');
    }
  };

  return (
    <form className="form add-root" onSubmit={submit} aria-labelledby="add-root-title">
      <h3 id="add-root-title">Add root</h3>
      <div className="field">
        <label htmlFor="root-path">Root path</label>
        <input
          id="root-path"
          className="input mono"
          value={path}
          placeholder="/var/run/docker/runtime-runc/moby"
          required
          aria-invalid={pathBlamed}
          aria-describedby={pathBlamed ? 'root-path-error' : undefined}
          onChange={(e) => edit(setPath)(e.target.value)}
        />
        <BrowseButton purpose="root" start={path.trim()} onPick={edit(setPath)} label="Browse for a root folder" />
        {pathBlamed && error && <FieldError id="root-path-error" error={error} />}
      </div>
      <div className="field">
        <label htmlFor="root-flags">Global flags</label>
        <input
          id="root-flags"
          className="input mono"
          value={flags}
          placeholder="--platform=systrap --network=none"
          aria-invalid={flagsBlamed}
          aria-describedby={flagsBlamed ? 'root-flags-error' : 'root-flags-help'}
          onChange={(e) => edit(setFlags)(e.target.value)}
        />
        {flagsBlamed && error ? (
          <FieldError id="root-flags-error" error={error} />
        ) : (
          <p id="root-flags-help" className="small muted">
            Space-separated, as runsc takes them before the subcommand. They must match the flags the containers
            were started with.
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy && <Spinner />}
          Add root
        </button>
      </div>
      {error && !pathBlamed && !flagsBlamed && <ErrorBlock error={error} alert />}
    </form>
  );
}
