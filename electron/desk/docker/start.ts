// `docker start --checkpoint`, through the Engine API, as a job step.
import type { JobStep } from '../../../shared/jobs';
import { DeskError } from '../../../shared/errors';
import { JobFailure, type JobContext } from '../jobs/runner';
import { CALLS, type Engine } from './engine';
import { traced } from './trace';

const START_ATTEMPTS = 5;
const SETTLE_MS = 1000;

/**
 * Docker marks the container exited before it has cleaned up the old task in
 * containerd. A start in that window fails: "id already in use", or Docker deletes the
 * leftover and creates again, uploading the checkpoint a second time, which containerd
 * refuses ("content …: already exists"). Waiting a moment and asking again is what a
 * person would do.
 */
export async function startFromCheckpoint(ctx: JobContext, step: JobStep, engine: Engine, id: string, checkpoint: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    try {
      await traced(ctx, step, CALLS.start(id, checkpoint), () => engine.start(id, checkpoint));
      return;
    } catch (error) {
      const message = (error as Error).message;
      if (/already in use/.test(message) && attempt >= START_ATTEMPTS) {
        throw new JobFailure(
          new DeskError(
            'RUNSC_FAILED',
            `${message}. runsc still keeps the old sandbox's state (runsc 0.0~20221219.0 does this when a container started from a checkpoint is checkpointed again); Docker shows the container exited. The Desk does not remove runsc state behind Docker's back: run runsc --root <the Docker root> delete --force ${id}, then docker start --checkpoint ${checkpoint} ${id}.`,
            DeskError.from(error).details,
          ),
        );
      }
      if (attempt >= START_ATTEMPTS || ctx.signal.aborted || !/already exists|already in use/.test(message)) throw error;
      ctx.say(`Docker was still cleaning up the stopped task; asking again (${attempt + 1} of ${START_ATTEMPTS}).`);
    }
  }
}
