import type { HostTest } from '../../../shared/model';
import { ErrorBlock } from '../../components/ErrorBlock';
import { formatBytes } from './format';

/** What testHost found: reachable or why not, runsc there, root or not, and room for images. */
export function HostTestResult({ test, onAcceptKey, accepting }: { test: HostTest; onAcceptKey?: () => void; accepting?: boolean }) {
  const key = test.hostKey;
  return (
    <div className="host-test" aria-live="polite">
      {test.reachable ? (
        <dl className="facts small">
          <dt>Connected</dt>
          <dd>in {Math.round(test.durationMs)} ms{test.target ? ` (ssh ${test.target})` : ''}</dd>
          <dt>runsc</dt>
          <dd className="mono">{test.runsc ? `${test.runsc.path} (${test.runsc.version ?? 'version unknown'})` : 'not found: install runsc on the host'}</dd>
          <dt>User</dt>
          <dd>{test.root ? 'root' : `uid ${test.uid ?? '?'}`}</dd>
          <dt>Privilege</dt>
          <dd>{test.privilege ?? 'none works without a prompt: log in as root, or allow sudo -n for runsc'}</dd>
          {test.docker && (
            <>
              <dt>Docker</dt>
              <dd data-testid="host-docker">
                {test.docker.answers ? (
                  <>
                    {test.docker.version ?? 'version unknown'}
                    {test.docker.runscRuntimes.length > 0
                      ? ` · runsc runtimes: ${test.docker.runscRuntimes.join(', ')}`
                      : ' · no runsc runtime: its containers are not gVisor sandboxes'}
                  </>
                ) : (
                  // Not a failure of the host: its runsc roots are still listed, read by runsc.
                  <>does not answer: {test.docker.error?.message ?? 'no reason given'}</>
                )}
              </dd>
            </>
          )}
          {test.imageDirs.map((d) => (
            <div key={d.path} className="fact-row">
              <dt>Images</dt>
              <dd className="mono">
                {d.path} {d.exists ? '' : '(made on the first checkpoint) '}
                {d.freeBytes !== null && `· ${formatBytes(d.freeBytes)} free`}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <>
          {key?.status === 'unknown' && (
            <div className="card warning">
              <p>
                <strong>{test.name}</strong> offers a host key your known_hosts does not hold yet. Compare its fingerprint with the one the
                server&apos;s owner gives you before you accept it.
              </p>
              <ul className="mono small">
                {key.fingerprints.length > 0 ? key.fingerprints.map((f) => <li key={f}>{f}</li>) : <li>(ssh-keyscan could not read it)</li>}
              </ul>
              {onAcceptKey && (
                <button type="button" className="button" onClick={onAcceptKey} disabled={accepting} aria-busy={accepting}>
                  Accept this key and connect
                </button>
              )}
            </div>
          )}
          {key?.status === 'changed' && (
            <p className="error" role="alert">
              The host key of <strong>{test.name}</strong> changed since you last connected. The Desk never accepts a changed key: ask the
              server&apos;s owner, then fix your known_hosts (ssh-keygen -R).
            </p>
          )}
          {test.error && <ErrorBlock error={test.error} />}
        </>
      )}
    </div>
  );
}
