// The restore job on a Docker root: `POST /containers/{id}/start?checkpoint=<name>`, then
// Docker's own view until it shows the container running.
import { basename } from 'node:path';
import { CALLS, type Engine } from '../docker/engine';
import { startFromCheckpoint } from '../docker/start';
import { waitForDockerState } from '../docker/wait-state';
import type { JobContext } from '../jobs/runner';
import type { RestorePlanDetail } from './plan';

export function dockerRestoreWork(engine: Engine, plan: RestorePlanDetail) {
  return async (ctx: JobContext): Promise<void> => {
    const { id, imagePath } = plan.resolved;
    const checkpoint = basename(imagePath);
    ctx.update({ imagePath });
    for (const warning of plan.warnings) ctx.warn(warning);
    await ctx.step('docker-start', `Start ${id.slice(0, 12)} from ${checkpoint}`, async (step) => {
      await startFromCheckpoint(ctx, step, engine, id, checkpoint);
    });
    await ctx.step('docker-inspect', `Check Docker's view of ${id.slice(0, 12)}`, async (step) => {
      step.argv = ['docker-engine-api', 'GET', CALLS.inspect(id).path];
      const c = await waitForDockerState(engine, id, (x) => x.state === 'running', 'running', ctx.signal);
      step.exitCode = 0;
      ctx.note(`Docker shows ${c.name} running, restored from ${checkpoint}.`);
    });
  };
}
