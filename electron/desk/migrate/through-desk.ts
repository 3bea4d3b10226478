// The stream through this machine: `tar -c` on the source, `tar -x` on the target, each
// over the Desk's own ssh connection to it. The bytes go from the source's ssh straight
// into the target's through one pipe that this process hands over and never reads:
// moving them through Node (a read, a JS callback and a write per 64 KiB) cost more CPU
// than either ssh's crypto, and the pipe alone keeps up with the link.
import { DeskError } from '../../../shared/errors';
import type { PipeExit, PipeRequest } from '../host/host';
import type { PipeWiring, WiredPipeProcess } from '../host/ssh/pipe-process';
import { PROGRESS_LINE, TAR_OUT } from './progress';
import { KILL_GRACE_MS, lastWords, type StreamEnds } from './stream';
import { TAR_IN } from './unpack';

/** Resolves when both ends exited well; throws the failure of the end that failed on its own. */
export async function streamThroughDesk(ends: StreamEnds, onStop: () => void): Promise<void> {
  const { from, to, stop } = ends;
  if (!from.runPipe || !to.runPipe) throw new DeskError('INTERNAL', 'One of the hosts cannot stream a process\'s input and output.');
  // The target first: its stdin pipe is what the source's stdout is then given. (The
  // other way round, Node would already be reading the source's stdout pipe, and
  // could take bytes from it before the target got it.)
  const target = await to.runPipe({ argv: ['sh', '-c', TAR_IN, 'sh', ends.toDir], signal: stop, killGraceMs: KILL_GRACE_MS });
  const sourceRequest: PipeRequest & PipeWiring = {
    argv: ['sh', '-c', TAR_OUT, 'sh', ends.fromDir],
    signal: stop,
    killGraceMs: KILL_GRACE_MS,
    stdout: target.stdin,
    onStderr: ends.onSourceStderr,
  };
  let source: WiredPipeProcess;
  try {
    source = (await from.runPipe(sourceRequest)) as WiredPipeProcess;
    if (source.stdoutHandedOn !== true) {
      throw new DeskError('INTERNAL', `Host "${from.name}" cannot hand a process's output to another: its runPipe must pass the whole request to spawnPipe.`);
    }
  } catch (error) {
    onStop();
    target.stdin.destroy();
    await target.done.catch(() => undefined);
    throw error;
  }
  // This process's copy of the pipe's write end: with it closed, the source's end of
  // stream (or its death) is the target's end of input.
  target.stdin.destroy();

  // Either end exiting early stops the other: a target that fails must not leave the source writing forever.
  const endOf = (exit: Promise<PipeExit>) =>
    exit.then(
      (e) => {
        if (e.exitCode !== 0) onStop();
        return e;
      },
      (error: unknown) => {
        onStop();
        throw error;
      },
    );
  const [sourceExit, targetExit] = await Promise.all([endOf(source.done), endOf(target.done)]);
  // The end that failed on its own is the cause; the other was stopped because of it.
  const failed = [
    { side: 'source' as const, host: from.name, exit: sourceExit },
    { side: 'target' as const, host: to.name, exit: targetExit },
  ].filter((end) => end.exit.exitCode !== 0);
  const cause = failed.find((end) => !end.exit.cancelled) ?? failed[0];
  if (cause) throw tarFailure(cause.side, cause.host, cause.exit);
}

export function tarFailure(side: 'source' | 'target', host: string, exit: Pick<PipeExit, 'argv' | 'exitCode' | 'signal' | 'stderr'>): DeskError {
  const said = lastWords(exit.stderr, PROGRESS_LINE) ?? (exit.signal ? `killed by ${exit.signal}` : `exit ${exit.exitCode}`);
  return new DeskError('INTERNAL', `tar on the ${side} host "${host}" failed: ${said}.`, {
    argv: exit.argv, exitCode: exit.exitCode, signal: exit.signal, stderr: exit.stderr, host, side,
  });
}
