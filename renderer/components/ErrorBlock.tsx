import type { ReactNode } from 'react';
import type { DeskErrorShape } from '../../shared/errors';
import { personalMessage } from '../lib/field-names';
import { reasonLine } from '../lib/job-status';

/** What to do next, for errors whose message cannot know the shell it runs in. */
const HINTS: Partial<Record<DeskErrorShape['code'], string>> = {
  UNAUTHORIZED: 'Open the address the Desk server printed, including its #token=… part.',
};

/** The one line that says why: the diagnosis, else runsc's own words, else the message. */
export function causeLine(error: DeskErrorShape): string {
  const details = error.details;
  if (details?.diagnosis) return details.diagnosis.title;
  const stderr = typeof details?.stderr === 'string' ? reasonLine(details.stderr) : null;
  return stderr ?? personalMessage(error);
}

/**
 * An error from the DeskApi, said once: the cause as the headline, then the fix, then
 * the rest (the message and its code, runsc's stderr, the command and its exit) behind
 * a disclosure, for whoever needs to dig.
 */
export function ErrorBlock(props: { error: DeskErrorShape; alert?: boolean; children?: ReactNode }) {
  const { error, alert = false, children } = props;
  const details = error.details;
  const cause = causeLine(error);
  const message = personalMessage(error);
  const fix = details?.diagnosis?.fix ?? HINTS[error.code] ?? null;
  const hasArgv = Boolean(details?.argv && details.argv.length > 0);
  const more = message !== cause || Boolean(details?.stderr) || hasArgv || Boolean(details?.diagnosis?.evidence);
  return (
    <div className="error-block" role={alert ? 'alert' : undefined} data-code={error.code}>
      <p className="error-message">{cause}</p>
      {fix && <p className="error-fix">{fix}</p>}
      {children}
      {more && (
        <details className="error-details">
          <summary className="small">Details</summary>
          {message !== cause && <p className="small">{message}</p>}
          {details?.stderr && <pre className="stderr-block">{details.stderr}</pre>}
          {hasArgv && (
            <p className="small muted">
              Command: <code className="mono">{details!.argv!.join(' ')}</code>
              {details?.exitCode != null && <> (exit {details.exitCode})</>}
            </p>
          )}
          <p className="small muted">
            Code <span className="error-code">{error.code}</span>
          </p>
        </details>
      )}
    </div>
  );
}
