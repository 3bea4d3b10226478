// The stream straight from the source to the target: one session on the source runs its
// tar into its own ssh to the target (see direct-script.ts), so each byte crosses one ssh
// connection instead of two. Progress still comes from the source tar's stderr, over the
// Desk's session to the source. A failure names the end at fault: the source's tar, the
// source's ssh to the target, or the target's tar.
import { DeskError } from '../../../shared/errors';
import type { PipeExit, PipeRequest } from '../host/host';
import type { PipeWiring } from '../host/ssh/pipe-process';
import { commandLine } from '../host/ssh/quote';
import { sshFailureReason } from '../host/ssh/ssh-failure';
import { hopArgv, type SshHop } from '../host/ssh/ssh-options';
import { DIRECT, STATUS_LINE, TARGET_MARK } from './direct-script';
import { throughShared } from './shared-hop';
import { PROGRESS_LINE, TAR_OUT } from './progress';
import { KILL_GRACE_MS, lastWords, type StreamEnds } from './stream';
import { tarFailure } from './through-desk';
import { TAR_IN } from './unpack';

/** ssh's own failures exit 255; tar never does. */
const SSH_FAILED = 255;
/** 128 + SIGPIPE: the source's tar, its reader gone. */
const BROKEN_PIPE = 141;

/** `shared`: the folder of the probe's connection on the source (shared-hop.ts), or null. */
export async function streamDirect(ends: StreamEnds, hop: SshHop, shared: string | null = null): Promise<void> {
  const { from, to, stop } = ends;
  if (!from.runPipe) throw new DeskError('INTERNAL', `Host "${from.name}" cannot stream a process's input and output.`);
  const unpack = ['sh', '-c', TAR_IN, 'sh', ends.toDir];
  // In the C locale, as the Desk's own sessions run: tar's words read the same everywhere.
  const inner = [...hopArgv(hop, throughShared(shared)), commandLine(['env', 'LC_ALL=C', ...unpack])];
  const request: PipeRequest & PipeWiring = {
    argv: ['sh', '-c', DIRECT, 'sh', ends.fromDir, TAR_OUT, ...inner],
    signal: stop,
    killGraceMs: KILL_GRACE_MS,
    // The script's own lines come at its end, whole: only tar's progress streams.
    onStderr: ends.onSourceStderr,
  };
  const source = await from.runPipe(request);
  // Nothing is written to the script's stdin, and it is held open while the stream is
  // wanted: its end (here on a stop, or this process gone) ends the pipeline there.
  const close = () => source.stdin.end();
  stop.addEventListener('abort', close, { once: true });
  source.stdout.resume();
  let exit: PipeExit;
  try {
    exit = await source.done;
  } finally {
    stop.removeEventListener('abort', close);
    close();
  }
  const status = STATUS_LINE.exec(exit.stderr);
  if (exit.exitCode === 0 && status) return;
  if (!status) {
    const said = lastWords(exit.stderr, PROGRESS_LINE) ?? (exit.signal ? `killed by ${exit.signal}` : `exit ${exit.exitCode}`);
    throw new DeskError('INTERNAL', `The stream from "${from.name}" straight to "${to.name}" failed on "${from.name}": ${said}.`, {
      argv: exit.argv, exitCode: exit.exitCode, signal: exit.signal, stderr: exit.stderr, host: from.name, side: 'source',
    });
  }
  const tarStatus = Number(status[1]);
  const sshStatus = Number(status[2]);
  if (tarStatus === 0 && sshStatus === 0) return;
  const lines = exit.stderr.split('\n');
  const targetSaid = lines.filter((l) => l.startsWith(TARGET_MARK)).map((l) => l.slice(TARGET_MARK.length)).join('\n');
  const sourceSaid = lines.filter((l) => !l.startsWith(TARGET_MARK) && !STATUS_LINE.test(l)).join('\n');

  if (sshStatus === SSH_FAILED) {
    const said = lastWords(targetSaid, /^Warning: Permanently added/) ?? 'ssh said nothing';
    throw new DeskError('INTERNAL', `"${from.name}" lost or could not open its own ssh connection to "${to.name}" (${hop.user}@${hop.hostname}:${hop.port}) mid-stream: ${said}.`, {
      argv: inner, exitCode: sshStatus, signal: null, stderr: targetSaid, host: from.name, side: 'ssh', reason: sshFailureReason(targetSaid),
    });
  }
  // The source's tar failed on its own unless it was only cut off by a target that stopped reading.
  const sourceCause = tarStatus !== 0 && (sshStatus === 0 || (tarStatus !== BROKEN_PIPE && !/Broken pipe/i.test(sourceSaid)));
  if (sourceCause) {
    throw tarFailure('source', from.name, { argv: ['sh', '-c', TAR_OUT, 'sh', ends.fromDir], exitCode: tarStatus, signal: null, stderr: sourceSaid });
  }
  throw tarFailure('target', to.name, { argv: unpack, exitCode: sshStatus, signal: null, stderr: targetSaid || exit.stderr });
}
