// After a Docker call that changes a container: ask Docker until it shows the state the
// job expects. Docker's own view is the one that counts, since Docker owns the container.
import { DeskError } from '../../../shared/errors';
import { JobFailure } from '../jobs/runner';
import type { Engine, EngineContainer } from './engine';

export async function waitForDockerState(
  engine: Engine,
  id: string,
  want: (c: EngineContainer) => boolean,
  describe: string,
  signal: AbortSignal,
  timeoutMs = 30_000,
): Promise<EngineContainer> {
  const deadline = Date.now() + timeoutMs;
  let last: EngineContainer | null = null;
  while (Date.now() < deadline && !signal.aborted) {
    last = await engine.inspect(id);
    if (want(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new JobFailure(
    new DeskError('RUNSC_FAILED', `Docker does not show ${last?.name ?? id} ${describe} (Docker's state: ${last?.state ?? 'unknown'}).`),
  );
}
