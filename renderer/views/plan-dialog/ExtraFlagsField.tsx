import { useState, type ReactNode } from 'react';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';

/**
 * Flags typed by hand, behind a disclosure; open whenever it holds text or a problem.
 * `idPrefix` keeps each dialog's ids apart; `help` says what the Desk sets itself.
 */
export function ExtraFlagsField(props: {
  value: string;
  problems: Problem[];
  onChange: (value: string) => void;
  idPrefix: string;
  help: ReactNode;
}) {
  const { value, problems, onChange, idPrefix, help } = props;
  const id = `${idPrefix}-extra-flags`;
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
        aria-controls={`${id}-region`}
        onClick={() => setOpen(!shown)}
      >
        <span aria-hidden="true">{shown ? '▾' : '▸'}</span> Advanced: extra flags
      </button>
      <div id={`${id}-region`} className="field" hidden={!shown}>
        <label htmlFor={id}>Extra flags</label>
        <input
          id={id}
          className="input mono"
          value={value}
          placeholder="--flag or --flag value"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={`${id}-help${invalid ? ` ${id}-problems` : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
        <p id={`${id}-help`} className="small muted">
          {help}
        </p>
        <FieldProblems id={`${id}-problems`} problems={problems} />
      </div>
    </div>
  );
}
