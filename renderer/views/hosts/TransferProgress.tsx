import type { TransferProgress as Transfer } from '../../../shared/jobs';
import { formatBytes, formatRate } from './format';

/** A migration's copy between hosts: how far, how fast, and from where to where. */
export function TransferProgress({ transfer }: { transfer: Transfer }) {
  const { bytes, totalBytes, bytesPerSecond, from, to, files } = transfer;
  const done = totalBytes > 0 && bytes >= totalBytes;
  const label = `Copying the image from ${from} to ${to}`;
  return (
    <div className="transfer-progress" role="group" aria-label={label}>
      <div className="small">
        {label}: {formatBytes(bytes)} of {formatBytes(totalBytes)}
        {!done && bytesPerSecond > 0 && <> · {formatRate(bytesPerSecond)}</>}
        {files > 0 && <> · {files} files</>}
      </div>
      <progress max={Math.max(totalBytes, 1)} value={Math.min(bytes, Math.max(totalBytes, 1))} aria-label={label} />
    </div>
  );
}
