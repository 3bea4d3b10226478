import { useState } from 'react';
import type { FolderPurpose } from '../../../shared/shell-api';
import { FolderBrowser } from './FolderBrowser';

/** "Browse…": the native folder picker in the desktop shell, the Desk's own browser in the headless one. */
export function BrowseButton({ purpose, start, onPick, label }: { purpose: FolderPurpose; start: string; onPick: (path: string) => void; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-label={label} onClick={() => setOpen(true)}>
        Browse…
      </button>
      {open && (
        <FolderBrowser
          purpose={purpose}
          start={start || '/'}
          onPick={(path) => {
            setOpen(false);
            onPick(path);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
