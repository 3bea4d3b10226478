import { useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { downloadText } from '../../lib/download';
import { useDeskStore } from '../../store-context';

/**
 * Copy all and Download: the whole log, read again from the service when the buffer
 * no longer holds its start, so what leaves the window is never a truncated log.
 */
export function LogActions({ jobId, fileName, empty }: { jobId: string; fileName: string; empty: boolean }) {
  const { logs } = useDeskStore();
  const [busy, setBusy] = useState<'copy' | 'download' | null>(null);
  const [note, setNote] = useState('');

  const whole = async (what: 'copy' | 'download') => {
    setBusy(what);
    setNote('');
    try {
      const parts = await logs.fullText(jobId);
      if (what === 'download') downloadText(fileName, parts);
      else setNote((await copyText(parts.join(''))) ? 'Copied' : 'The browser refused to copy');
    } catch (e) {
      setNote(`Could not read the log: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="log-actions">
      <button
        type="button"
        className="button small"
        disabled={busy !== null || empty}
        aria-busy={busy === 'copy'}
        onClick={() => void whole('copy')}
      >
        Copy all
      </button>
      <button
        type="button"
        className="button small"
        disabled={busy !== null || empty}
        aria-busy={busy === 'download'}
        onClick={() => void whole('download')}
      >
        Download
      </button>
      <span className="small muted" role="status">
        {note}
      </span>
    </div>
  );
}
