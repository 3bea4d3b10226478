// The checkpoint job on a Docker root: every change goes through Docker, which owns the
// container. Docker writes the image into its own folder (the only one `docker start
// --checkpoint` restores from). Leave-running is Docker's own where this runsc resumes
// in place; otherwise the job checkpoints (the container stops) and starts the
// container again from that checkpoint, so Docker never loses it.
import { basename } from 'node:path';
import { DeskError } from '../../../shared/errors';
import { folderBytes } from '../dirs';
import type { Engine } from '../docker/engine';
import { CALLS } from '../docker/engine';
import { startFromCheckpoint } from '../docker/start';
import { traced } from '../docker/trace';
import { waitForDockerState } from '../docker/wait-state';
import type { Host } from '../host/host';
import { JobFailure, type JobContext } from '../jobs/runner';
import type { CheckpointPlanDetail, CheckpointRequest } from './plan';

export function dockerCheckpointWork(engine: Engine, host: Host, request: CheckpointRequest, plan: CheckpointPlanDetail) {
  return async (ctx: JobContext): Promise<void> => {
    const container = plan.container!;
    const name = container.docker?.name ?? container.id;
    const checkpoint = basename(plan.imagePath);
    const leaveRunning = Boolean(request.leaveRunning);
    const native = leaveRunning && !plan.emulateLeaveRunning;
    ctx.update({ imagePath: plan.imagePath });

    await ctx.step('preflight', `Ask Docker about ${name}`, async (step) => {
      for (const warning of plan.warnings) ctx.warn(warning);
      const now = await traced(ctx, step, CALLS.inspect(container.id), () => engine.inspect(container.id), (c) => `${c.name} is ${c.state}`);
      if (now.state !== 'running') {
        throw new JobFailure(new DeskError('CONTAINER_NOT_RUNNING', `Docker shows ${name} ${now.state}; only a running container can be checkpointed.`, { field: 'id' }));
      }
    });

    await ctx.step('docker-checkpoint', `Checkpoint ${name} as ${checkpoint}${native ? ', leaving it running' : ''}`, async (step) => {
      await traced(ctx, step, CALLS.createCheckpoint(container.id, checkpoint, !native), () => engine.createCheckpoint(container.id, checkpoint, !native));
    });
    ctx.update({ imageBytes: await folderBytes(host, plan.imagePath).catch(() => null) });

    if (plan.emulateLeaveRunning) {
      await ctx.step('docker-start', `Start ${name} from ${checkpoint}`, async (step) => {
        await waitForDockerState(engine, container.id, (c) => c.state !== 'running' && c.state !== 'paused', 'stopped after the checkpoint', ctx.signal);
        await startFromCheckpoint(ctx, step, engine, container.id, checkpoint);
      });
    }

    await ctx.step('docker-inspect', `Check Docker's view of ${name}`, async (step) => {
      step.argv = ['docker-engine-api', 'GET', CALLS.inspect(container.id).path];
      const c = leaveRunning
        ? await waitForDockerState(engine, container.id, (x) => x.state === 'running', 'running', ctx.signal)
        : await waitForDockerState(engine, container.id, (x) => x.state !== 'running' && x.state !== 'paused', 'stopped', ctx.signal);
      step.exitCode = 0;
      ctx.note(
        leaveRunning
          ? `Docker shows ${name} running${plan.emulateLeaveRunning ? `, started again from ${checkpoint}; its PID changed from ${container.pid ?? '?'} to ${c.pid ?? '?'}` : ''}.`
          : `Docker shows ${name} ${c.state}. Restore it with docker start --checkpoint ${checkpoint} ${name}, or from the Desk's Images.`,
      );
    });
  };
}
