import type { RefObject } from 'react';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';

/**
 * Docker's checkpoint name: Docker writes the image into its own folder (the only one
 * it restores from), so a Docker container's checkpoint is named, not placed.
 */
export function CheckpointNameField(props: {
  value: string;
  problems: Problem[];
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { value, problems, onChange, inputRef } = props;
  const invalid = problems.length > 0;
  return (
    <div className="field">
      <label htmlFor="cp-checkpoint-name">Checkpoint name</label>
      <input
        id="cp-checkpoint-name"
        ref={inputRef}
        className="input mono"
        value={value}
        placeholder="desk-<date>T<time>Z"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={invalid ? 'cp-checkpoint-name-problems' : 'cp-checkpoint-name-help'}
        onChange={(e) => onChange(e.target.value)}
      />
      {invalid ? (
        <FieldProblems id="cp-checkpoint-name-problems" problems={problems} />
      ) : (
        <p id="cp-checkpoint-name-help" className="small muted">
          Docker keeps it in its own folder, under this name; left empty, the Desk names it by the time. Letters, digits, <code>_ . -</code>.
        </p>
      )}
    </div>
  );
}
