import { useState, type RefObject } from 'react';
import type { Problem } from '../../../shared/jobs';
import { FieldProblems } from '../../components/FieldProblems';
import { FolderBrowser } from './FolderBrowser';
import { useDefaultValue } from '../../lib/use-default-value';

/** Where the image goes: typed, or picked in the server-side folder browser. */
export function ImagePathField(props: {
  value: string;
  defaultPath: string | null;
  problems: Problem[];
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { value, defaultPath, problems, onChange, inputRef } = props;
  const [browsing, setBrowsing] = useState(false);
  const invalid = problems.length > 0;
  const field = useDefaultValue(value, defaultPath, onChange, inputRef);
  return (
    <div className="field">
      <label htmlFor="cp-image-path">Image path</label>
      <div className="input-row">
        <input
          id="cp-image-path"
          ref={inputRef}
          className="input mono grow"
          value={field.shown}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'cp-image-path-problems' : 'cp-image-path-help'}
          onChange={(e) => field.change(e.target.value)}
        />
        <button type="button" className="button" onClick={() => setBrowsing(true)}>
          Browse…
        </button>
      </div>
      {invalid ? (
        <FieldProblems id="cp-image-path-problems" problems={problems} />
      ) : (
        <p id="cp-image-path-help" className="small muted">
          {field.isDefault ? 'The Desk’s default: a new folder for this checkpoint. ' : ''}runsc refuses a folder that already holds an image.
        </p>
      )}
      {browsing && (
        <FolderBrowser
          start={value.trim().startsWith('/') ? value.trim() : (defaultPath ?? '/')}
          onClose={() => setBrowsing(false)}
          onPick={(path) => {
            setBrowsing(false);
            field.change(path);
          }}
        />
      )}
    </div>
  );
}
