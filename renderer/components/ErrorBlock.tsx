import type { ReactNode } from 'react';
import type { DeskErrorShape } from '../../shared/errors';

/** What to do next, for errors whose message cannot know the shell it runs in. */
const HINTS: Partial<Record<DeskErrorShape['code'], string>> = {
  UNAUTHORIZED: 'Open the address the Desk server printed, including its #token=… part.',
};

/**
 * An error from the DeskApi: what happened, runsc's own stderr when there is some,
 * and the diagnosis when the Desk recognised it.
 */
export function ErrorBlock(props: { error: DeskErrorShape; alert?: boolean; children?: ReactNode }) {
  const { error, alert = false, children } = props;
  const details = error.details;
  const hint = HINTS[error.code];
  return (
    <div className="error-block" role={alert ? 'alert' : undefined}>
      <p className="error-message">
        {error.message} <span className="error-code">{error.code}</span>
      </p>
      {details?.diagnosis && (
        <p className="diagnosis">
          <strong>{details.diagnosis.title}.</strong> {details.diagnosis.fix}
        </p>
      )}
      {details?.stderr && <pre className="stderr-block">{details.stderr}</pre>}
      {details?.argv && details.argv.length > 0 && (
        <p className="small muted">
          Command: <code className="mono">{details.argv.join(' ')}</code>
          {details.exitCode != null && <> (exit {details.exitCode})</>}
        </p>
      )}
      {hint && <p className="small">{hint}</p>}
      {children}
    </div>
  );
}
