import { useState } from 'react';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';

/** Flags typed by hand, behind a disclosure; open whenever it holds text or a problem. */
export function ExtraFlagsField(props: { value: string; problems: Problem[]; onChange: (value: string) => void }) {
  const { value, problems, onChange } = props;
  const [open, setOpen] = useState(false);
  const invalid = problems.length > 0;
  // Something typed or blamed must stay visible.
  const shown = open || invalid || value.trim() !== '';
  return (
    <div className="disclosure">
      <button
        type="button"
        className="disclosure-toggle"
        aria-expanded={shown}
        aria-controls="cp-extra-flags-region"
        onClick={() => setOpen(!shown)}
      >
        <span aria-hidden="true">{shown ? '▾' : '▸'}</span> Advanced: extra flags
      </button>
      <div id="cp-extra-flags-region" className="field" hidden={!shown}>
        <label htmlFor="cp-extra-flags">Extra flags</label>
        <input
          id="cp-extra-flags"
          className="input mono"
          value={value}
          placeholder="--flag or --flag value"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={`cp-extra-flags-help${invalid ? ' cp-extra-flags-problems' : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
        <p id="cp-extra-flags-help" className="small muted">
          Passed to <code className="mono">runsc checkpoint</code> as typed, after a check against this runsc. Image path
          and leave-running have their own fields.
        </p>
        <FieldProblems id="cp-extra-flags-problems" problems={problems} />
      </div>
    </div>
  );
}
