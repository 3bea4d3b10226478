import { useState, type FormEvent } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { FieldError, blames } from '../../components/FieldError';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';
import { BrowseButton } from '../checkpoint/BrowseButton';

/** Adds a folder to scan for images; images elsewhere (a backup disk) show up too. */
export function AddImageDirForm() {
  const [path, setPath] = useState('');
  const addImageDir = useDesk((s) => s.addImageDir);
  const busy = useDesk((s) => s.pending.addImageDir === true);
  const error = useDesk((s) => s.actionErrors.addImageDir);
  const clearError = useDesk((s) => s.clearActionError);
  const blamed = blames(error, 'path');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await addImageDir(path.trim())) setPath('');
  };

  return (
    <form className="add-image-dir" onSubmit={submit} aria-label="Add an image folder">
      <label htmlFor="image-dir-path" className="small muted">
        Another folder to scan
      </label>
      <div className="input-row">
        <input
          id="image-dir-path"
          className="input mono grow"
          value={path}
          placeholder="/srv/checkpoints"
          spellCheck={false}
          autoComplete="off"
          required
          aria-invalid={blamed}
          aria-describedby={blamed ? 'image-dir-path-error' : undefined}
          onChange={(e) => {
            setPath(e.target.value);
            if (error) clearError('addImageDir');
          }}
        />
        <BrowseButton purpose="image-dir" start={path.trim()} onPick={setPath} label="Browse for an image folder" />
        <button type="submit" className="button" disabled={busy || !path.trim()} aria-busy={busy}>
          {busy && <Spinner />}
          Add folder
        </button>
      </div>
      {blamed && error && <FieldError id="image-dir-path-error" error={error} />}
      {error && !blamed && <ErrorBlock error={error} alert />}
    </form>
  );
}
