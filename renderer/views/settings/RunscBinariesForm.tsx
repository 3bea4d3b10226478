import { useState, type FormEvent } from 'react';
import type { RunscBinaryInfo, Settings } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldError, blames } from '../../components/FieldError';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';
import { BrowseButton } from '../checkpoint/BrowseButton';

/**
 * runsc binaries beyond the ones the Desk finds (a release downloaded elsewhere): each
 * is probed when added, and one that is not runsc, or cannot run, is refused with what
 * it printed. Restore then picks among them by the version that made the image.
 */
export function RunscBinariesForm({ settings, binaries }: { settings: Settings; binaries: RunscBinaryInfo[] }) {
  const added = settings.runscBinaries ?? [];
  const [path, setPath] = useState('');
  const [duplicate, setDuplicate] = useState(false);
  const busy = useDesk((s) => s.pending.updateSettings === true);
  const error = useDesk((s) => s.actionErrors.updateSettings);
  const updateSettings = useDesk((s) => s.updateSettings);
  // The other settings forms save through the same action; only this form's answer shows here.
  const [asked, setAsked] = useState(false);
  const blamed = asked && blames(error, 'runscBinaries');

  const save = async (next: string[]) => {
    setAsked(true);
    return updateSettings({ runscBinaries: next });
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) return;
    if (added.includes(trimmed)) {
      setDuplicate(true);
      return;
    }
    if (await save([...added, trimmed])) setPath('');
  };

  return (
    <form className="card form" onSubmit={add} aria-labelledby="runsc-binaries-form-title" data-testid="runsc-binaries-form">
      <h2 id="runsc-binaries-form-title">More runsc binaries</h2>
      <p className="small muted">
        The Desk finds runsc on PATH, in the usual places and in Docker’s runtimes. Add any other here; an image restores only
        under the runsc version that made it.
      </p>
      {added.length > 0 && (
        <ul className="plain-list added-runsc" aria-label="Added runsc binaries">
          {added.map((p) => (
            <li key={p} data-testid="added-runsc">
              <code className="mono">{p}</code> <span className="small muted">{describe(p, binaries)}</span>{' '}
              <button type="button" className="button small" disabled={busy} aria-label={`Remove ${p}`} onClick={() => void save(added.filter((x) => x !== p))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="add-runsc-path">Add runsc binary</label>
        <div className="input-row">
          <input
            id="add-runsc-path"
            className="input mono grow"
            value={path}
            placeholder="/usr/local/bin/runsc"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={blamed || duplicate}
            aria-describedby={blamed ? 'add-runsc-error' : duplicate ? 'add-runsc-duplicate' : 'add-runsc-help'}
            onChange={(e) => {
              setPath(e.target.value);
              setDuplicate(false);
            }}
          />
          <BrowseButton
            purpose="runsc-dir"
            label="Browse for the folder that holds runsc"
            start={path.trim().replace(/\/[^/]*$/, '') || '/usr/local/bin'}
            onPick={(folder) => setPath(`${folder.replace(/\/$/, '')}/runsc`)}
          />
          <button type="submit" className="button" disabled={busy || path.trim() === ''} aria-busy={busy}>
            {busy && asked && <Spinner />}
            Add
          </button>
        </div>
        {blamed && error ? (
          <FieldError id="add-runsc-error" error={error} />
        ) : duplicate ? (
          <p id="add-runsc-duplicate" className="field-error" role="alert">
            {path.trim()} is already added.
          </p>
        ) : (
          <p id="add-runsc-help" className="small muted">
            The path of the runsc binary; Browse… picks the folder that holds it.
          </p>
        )}
      </div>
      {asked && error && !blamed && !blames(error, 'runscPath') && !blames(error, 'cudaCheckpointPath') && <ErrorBlock error={error} alert />}
    </form>
  );
}

/** What the Desk made of an added binary: its version, or why it cannot use it. */
function describe(path: string, binaries: RunscBinaryInfo[]): string {
  const found = binaries.find((b) => b.path === path || b.alsoAt.includes(path));
  if (!found) return '';
  if (found.error) return found.error.message;
  return found.path === path ? `runsc ${found.version ?? '(version unknown)'}` : `runsc ${found.version ?? ''}, the same as ${found.path}`;
}
