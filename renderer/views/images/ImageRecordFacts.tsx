import type { ImageRecord } from '../../../shared/images';
import { CopyButton } from '../../components/CopyButton';
import { FlagChips } from '../../components/FlagChips';
import { GpuOutcome } from '../../components/GpuOutcome';
import { formatDuration } from '../../lib/duration';
import { shellLine } from '../../lib/shell-quote';

/** What the Desk wrote when it made the image: where from, and the exact command. */
export function ImageRecordFacts({ record }: { record: ImageRecord | null }) {
  return (
    <section className="details-part" aria-labelledby="image-record-title">
      <h3 id="image-record-title">Record</h3>
      {!record ? (
        <p className="muted small">
          No checkpoint-desk.json: made outside the Desk, or by a Desk job that could not write it (a full disk, say;
          its job names the image path). Restore asks for the root and the bundle.
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>Container</dt>
            <dd className="mono">{record.containerId}</dd>
            <dt>Root</dt>
            <dd className="mono wrap">{record.root}</dd>
            <dt>Bundle</dt>
            <dd className="mono wrap">{record.bundle}</dd>
            <dt>Global flags</dt>
            <dd>
              <FlagChips flags={record.globalFlags} />
            </dd>
            <dt>runsc</dt>
            <dd className="mono">{record.runscVersion}</dd>
            <dt>Compression</dt>
            <dd className="mono">{record.compression ?? 'runsc default'}</dd>
            <dt>Duration</dt>
            <dd className="mono">{formatDuration(record.durationMs)}</dd>
            <dt>Leave running</dt>
            <dd>{record.leaveRunning ? 'yes' : 'no'}</dd>
          </dl>
          {record.cuda && <GpuOutcome cuda={record.cuda} />}
          <div className="step-command record-argv">
            <code className="mono wrap">{shellLine(record.argv)}</code>
            <CopyButton text={shellLine(record.argv)} label="Copy command" />
          </div>
          {record.warnings.length > 0 && (
            <ul className="plain-list warnings" aria-label="Warnings">
              {record.warnings.map((w, i) => (
                <li key={i} className="text-warning">
                  {w}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
