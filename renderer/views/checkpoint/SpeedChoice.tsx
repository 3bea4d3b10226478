import type { CheckpointSpeed, Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { humanBytes } from '../../lib/bytes';
import { formatDuration } from '../../lib/duration';
import type { CheckpointForm } from '../../state/types';

/**
 * Fastest (uncompressed) or Smallest (compressed), each with what the Desk expects on
 * this disk, where runsc has --compression. Left alone, the plan's choice stands and
 * its reason says why; a click sends that compression.
 */
export function SpeedChoice(props: {
  speed: CheckpointSpeed;
  value: CheckpointForm['compression'];
  problems: Problem[];
  onChange: (value: CheckpointForm['compression']) => void;
}) {
  const { speed, value, problems, onChange } = props;
  const chosen = value || speed.chosen;
  return (
    <fieldset className="options speed-choice" data-testid="speed-choice" aria-describedby="cp-speed-reason">
      <legend>Checkpoint for</legend>
      {speed.choices.map((c) => (
        <label key={c.compression} className="check-label speed-option" data-testid="speed-option" data-compression={c.compression}>
          <input type="radio" name="cp-speed" value={c.compression} checked={chosen === c.compression} onChange={() => onChange(c.compression)} />
          <span>
            <strong>{c.label}</strong>{' '}
            <span className="small muted">
              {c.estimatedBytes === null ? 'size unknown' : `about ${humanBytes(c.estimatedBytes)}`} ·{' '}
              {c.estimatedMs === null ? 'time unknown' : `about ${formatDuration(c.estimatedMs)}`}
            </span>
            <span className="small muted speed-basis" title={c.basis}>
              Estimate: {c.basis}
            </span>
          </span>
        </label>
      ))}
      <p id="cp-speed-reason" className="small note" data-testid="speed-reason">
        {speed.defaulted ? 'The Desk’s choice: ' : ''}
        {speed.reason}
      </p>
      <FieldProblems id="cp-speed-problems" problems={problems} />
    </fieldset>
  );
}
