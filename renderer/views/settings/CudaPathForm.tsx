import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldError, blames } from '../../components/FieldError';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';

/** The host's cuda-checkpoint, for when it is not on PATH. Optional; empty clears it. */
export function CudaPathForm({ settings, foundPath }: { settings: Settings; foundPath: string | null }) {
  const [path, setPath] = useState(settings.cudaCheckpointPath ?? '');
  const busy = useDesk((s) => s.pending.updateSettings === true);
  const error = useDesk((s) => s.actionErrors.updateSettings);
  const updateSettings = useDesk((s) => s.updateSettings);
  // The runsc form saves through the same action; only this form's own answer shows here.
  const [asked, setAsked] = useState(false);
  const [saved, setSaved] = useState(false);

  const blamed = asked && blames(error, 'cudaCheckpointPath');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setAsked(true);
    const trimmed = path.trim();
    setSaved(await updateSettings({ cudaCheckpointPath: trimmed === '' ? null : trimmed }));
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="cuda-form-title">
      <h2 id="cuda-form-title">cuda-checkpoint</h2>
      <div className="field">
        <label htmlFor="cuda-checkpoint-path">cuda-checkpoint path</label>
        <input
          id="cuda-checkpoint-path"
          className="input mono"
          value={path}
          placeholder={foundPath ?? '/usr/bin/cuda-checkpoint'}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={blamed}
          aria-describedby={blamed ? 'cuda-checkpoint-path-error' : 'cuda-checkpoint-path-help'}
          onChange={(e) => setPath(e.target.value)}
        />
        {blamed && error ? (
          <FieldError id="cuda-checkpoint-path-error" error={error} />
        ) : (
          <p id="cuda-checkpoint-path-help" className="small muted">
            The host binary, optional. Empty: the Desk searches PATH{foundPath ? ` (it found ${foundPath})` : ''}. It is
            only read for its version; inside a sandbox, the container&apos;s own copy runs.
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy && <Spinner />}
          Save
        </button>
        {saved && !busy && <span className="small muted">Saved.</span>}
      </div>
      {asked && error && !blamed && <ErrorBlock error={error} alert />}
    </form>
  );
}
