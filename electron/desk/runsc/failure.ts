// The one path from a runsc result to a DeskError: runsc's own words, how it ended, and
// the diagnosis. What differs is only who asked, so the message fits the place:
// - 'call': a query or a quick change answered to the API (list, state, run, delete);
// - 'step': a step of a job, whose log already holds every line, so the message quotes
//   the last ones and leads with a SIGKILL (a killed runsc's last words are rarely why);
// - 'probe': reading what a binary can do, where any failure means "not usable as runsc".
import { DeskError, type ErrorCode } from '../../../shared/errors';
import { stderrCause } from '../../../shared/runsc-stderr';
import { diagnose } from './diagnose';
import type { RunscResult } from './spawn';

export type FailureContext =
  | { during: 'call'; subcommand: string }
  | { during: 'step'; what: string }
  | { during: 'probe'; binary: string; what: string };

/** A job keeps at most this much of runsc's stderr in its error; the log has all of it. */
const STEP_STDERR_BYTES = 64 * 1024;

export function runscFailure(result: RunscResult, context: FailureContext): DeskError {
  const { argv, exitCode, signal, stderr, stdout } = result;
  if (context.during === 'probe') {
    const reason = result.spawnError ?? (result.timedOut ? 'timed out' : context.what);
    return new DeskError('RUNSC_MISSING', `${context.binary} cannot be used as runsc: ${reason}.`, { argv, exitCode, signal, stderr, stdout });
  }
  // The cause line, not the tail: a goroutine dump after it would otherwise speak for runsc.
  const cause = stderrCause(stderr);
  // The cause's own line is diagnosed first, so a debug log's earlier lines never win over it.
  const causeLine = cause ? stderr.split('\n').find((line) => line.includes(cause)) : undefined;
  const diagnosis = (causeLine ? diagnose(causeLine) : undefined) ?? diagnose(stderr);
  if (context.during === 'step') return stepFailure(result, context.what, diagnosis ?? null, cause);

  const details = { argv, exitCode, signal, stderr, stdout, diagnosis };
  const { subcommand } = context;
  if (result.spawnError) {
    return new DeskError('RUNSC_MISSING', `runsc could not be started (${result.spawnError}). Install gVisor (apt-get install runsc) or set its path in Settings.`, details);
  }
  if (result.timedOut) {
    return new DeskError('RUNSC_TIMEOUT', `runsc ${subcommand} did not answer in time and was stopped.`, details);
  }
  const code: ErrorCode = diagnosis?.title === 'No such container under this root' ? 'NOT_FOUND' : 'RUNSC_FAILED';
  const how = signal ? `was killed by ${signal}` : `exited ${exitCode}`;
  const message = diagnosis
    ? `${diagnosis.title} (runsc said: ${diagnosis.evidence}). ${diagnosis.fix}`
    : `runsc ${subcommand} ${how}${cause ? `: ${cause}` : ' with nothing on stderr'}.`;
  return new DeskError(code, message, details);
}

function stepFailure(result: RunscResult, what: string, diagnosis: ReturnType<typeof diagnose> | null, cause: string | null): DeskError {
  const lastLines = result.stderr.split('\n').filter((l) => l.trim() !== '').slice(-5).join('\n');
  const how = result.spawnError ? `could not start (${result.spawnError})` : result.signal ? `was stopped by ${result.signal}` : `exited ${result.exitCode}`;
  const reason = diagnosis
    ? `runsc said: ${diagnosis.evidence} — ${diagnosis.title}. ${diagnosis.fix}`
    : cause
      ? `runsc said: ${cause}`
      : 'runsc printed nothing on stderr.';
  const message =
    result.signal === 'SIGKILL'
      ? `runsc was killed during ${what} (SIGKILL). ${lastLines ? `Its last words: ${lastLines}` : ''}`.trim()
      : `runsc ${what} ${how}. ${reason}`;
  return new DeskError(result.spawnError ? 'RUNSC_MISSING' : 'RUNSC_FAILED', message, {
    argv: result.argv,
    exitCode: result.exitCode,
    signal: result.signal,
    stderr: result.stderr.slice(-STEP_STDERR_BYTES),
    diagnosis,
  } as never);
}
