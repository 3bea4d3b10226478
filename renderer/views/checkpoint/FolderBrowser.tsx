import { useCallback, useEffect, useState } from 'react';
import type { FolderPurpose } from '../../../shared/shell-api';
import type { DeskErrorShape } from '../../../shared/errors';
import type { DirListing } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { hasNativePicker, pickFolder } from '../../lib/desktop';
import { Modal } from '../../components/Modal';
import { latestOnly } from '../../state/latest';
import { toErrorShape } from '../../state/run-action';
import { useDeskStore } from '../../store-context';

/** "/a/b/" → "/a"; "/" stays "/". */
export function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

interface FolderBrowserProps {
  start: string;
  onPick: (path: string) => void;
  onClose: () => void;
  /** What the folder is for: the native picker's title and button, and this modal's heading. */
  purpose?: FolderPurpose;
}

const HEADINGS: Record<FolderPurpose, string> = { 'image-path': 'Choose the image folder', root: 'Choose a runsc root', 'image-dir': 'Choose a folder of images', 'runsc-dir': 'Choose the folder that holds runsc' };

/** The desktop shell's native picker where there is one; the Desk's own browser otherwise. */
export function FolderBrowser(props: FolderBrowserProps) {
  return hasNativePicker() ? <NativeFolderPicker {...props} /> : <ServerFolderBrowser {...props} />;
}

/** Opens the system's folder dialog once; a cancel closes with nothing changed. */
function NativeFolderPicker({ start, onPick, onClose, purpose = 'image-path' }: FolderBrowserProps) {
  useEffect(() => {
    let live = true;
    pickFolder(purpose, start || undefined).then(
      (path) => live && (path ? onPick(path) : onClose()),
      () => live && onClose(),
    );
    return () => {
      live = false;
    };
    // Once per opening: the dialog is modal to the window.
  }, []);
  return null;
}

/**
 * A folder picker over the Desk's own disk (listDirectory): the browser cannot see the
 * server's files. The listing is this modal's alone, so it lives here, not in the store.
 */
function ServerFolderBrowser(props: FolderBrowserProps) {
  const { start, onPick, onClose, purpose = 'image-path' } = props;
  const { api } = useDeskStore();
  const [listing, setListing] = useState<DirListing | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const [loading, setLoading] = useState(false);
  const [ticket] = useState(latestOnly);

  /** Lists `path`; with `climb`, a folder that does not exist yet gives way to its parent. */
  const go = useCallback(
    async (path: string, climb = false) => {
      const isCurrent = ticket();
      setLoading(true);
      setError(null);
      let at = path;
      for (;;) {
        try {
          const found = await api.listDirectory({ path: at });
          if (isCurrent()) setListing(found);
          break;
        } catch (e) {
          const up = parentOf(at);
          if (!climb || up === at) {
            if (isCurrent()) setError(toErrorShape(e));
            break;
          }
          at = up;
        }
      }
      if (isCurrent()) setLoading(false);
    },
    [api, ticket],
  );

  useEffect(() => {
    void go(start, true);
  }, [go, start]);

  const dirs = listing?.entries.filter((e) => e.isDir) ?? [];
  const files = (listing?.entries.length ?? 0) - dirs.length;

  return (
    <Modal labelledBy="browse-title" onClose={onClose} className="folder-browser">
      <header className="modal-head">
        <h2 id="browse-title">{HEADINGS[purpose]}</h2>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="browse-path">
        <button
          type="button"
          className="button small"
          disabled={!listing?.parent || loading}
          title="Up one folder"
          onClick={() => listing?.parent && void go(listing.parent)}
        >
          ↑ Up
        </button>
        <code className="mono truncate" title={listing?.path ?? start}>
          {listing?.path ?? start}
        </code>
      </div>
      {listing && !listing.writable && <p className="small text-warning">The Desk cannot write in this folder.</p>}
      {error && <ErrorBlock error={error} />}
      <ul className="plain-list browse-list" aria-label="Folders" aria-busy={loading}>
        {dirs.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className="browse-entry"
              title={entry.isImage ? 'Holds a checkpoint.img: runsc will not write another image here' : `Open ${entry.path}`}
              onClick={() => void go(entry.path)}
            >
              <span className="mono">{entry.name}/</span>
              {entry.isImage && <span className="tag">image</span>}
            </button>
          </li>
        ))}
        {listing && dirs.length === 0 && <li className="small muted">No folders here.</li>}
      </ul>
      <p className="small muted">
        {files > 0 && `${files} ${files === 1 ? 'file' : 'files'} not shown. `}
        runsc writes into the folder you use; add a new name to the path to make a new folder.
      </p>
      <div className="modal-foot">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!listing || loading}
          onClick={() => listing && onPick(listing.path)}
        >
          Use this folder
        </button>
      </div>
    </Modal>
  );
}
