import type { TransferProgress as Transfer } from '../../../shared/jobs';
import { formatBytes, formatRate } from './format';

/** A migration's copy between hosts: how far, how fast, and from where to where. */
export function TransferProgress({ transfer }: { transfer: Transfer }) {
  const { bytes, totalBytes, bytesPerSecond, from, to, files, route, routeWhy } = transfer;
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
      {/* Between two servers, the way the bytes go decides how fast they can: say it, and
          why not directly. (With this machine at one end there is only one way.) */}
      {route === 'direct' && <div className="small muted">Streamed directly: {from} logs in to {to} with its own ssh.</div>}
      {route === 'through-desk' && routeWhy && <div className="small muted">Through this machine: {routeWhy}</div>}
    </div>
  );
}
