// Checkpoint: plan (as a person types) and start the job, through the container's manager.
import type { DeskResults } from '../../../shared/api';
import type { Request } from '../../../shared/schemas';
import { planCheckpoint, planRefusal, type CheckpointPlanDetail, type PlanDeps } from '../checkpoint/plan';
import { binaryInContainer } from '../cuda/in-container';
import { bundleAsksForGpu, profileHasNvproxy } from '../cuda/gpu-container';
import type { JobRunner } from '../jobs/runner';
import type { Managers } from '../managers/manager';
import { parseEventsStats } from '../runsc/list-parser';
import type { ContainersService } from './containers-service';
import type { RootsService } from './roots-service';
import { runscUnavailable, type RuntimeService } from './runtime-service';

export interface CheckpointDeps {
  runtime: RuntimeService;
  roots: RootsService;
  containers: ContainersService;
  managers: Managers;
  runner: JobRunner;
  imagesDir: string;
}

export class CheckpointService {
  constructor(private readonly deps: CheckpointDeps) {}

  async planCheckpoint(request: Request<'planCheckpoint'>): Promise<DeskResults['planCheckpoint']> {
    return publicPlan(await this.plan(await this.planDeps(), request));
  }

  async checkpoint(request: Request<'checkpoint'>): Promise<DeskResults['checkpoint']> {
    const { containers, runner, managers } = this.deps;
    const deps = await this.planDeps();
    const plan = await this.plan(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    containers.forgetPlanListings();
    const job = await runner.start(
      'checkpoint',
      `Checkpoint ${request.id}`,
      { root: request.root, id: request.id },
      { ...request, imagePath: plan.imagePath },
      managers.of(plan.root!).checkpointWork(deps.client, request, plan),
    );
    void runner.done(job.id).then(() => containers.announceChange());
    return { jobId: job.id };
  }

  /** The plan, with the manager's refusal first when it does not let the Desk checkpoint here. */
  private async plan(deps: PlanDeps, request: Request<'checkpoint'>): Promise<CheckpointPlanDetail> {
    const plan = await planCheckpoint(deps, request);
    const refusal = plan.root ? this.deps.managers.of(plan.root).refusal('checkpoint', plan.root.profile.path) : null;
    if (refusal) plan.problems.unshift({ code: refusal.code, field: 'root', message: refusal.message });
    return plan;
    const manager = plan.root ? this.deps.managers.of(plan.root) : null;
    if (manager?.reviseCheckpointPlan) await manager.reviseCheckpointPlan(plan, request);
    else if (request.checkpointName) {
      plan.problems.push({ code: 'INVALID_INPUT', field: 'checkpointName', message: 'A checkpoint name is Docker\'s; on a runsc root, pick the image folder instead.' });
    }
  }

  private async planDeps(): Promise<PlanDeps> {
    const { runtime: runtimeService, roots, containers } = this.deps;
    const runtime = await runtimeService.current();
    if (!runtime.client) throw runscUnavailable(runtime.info);
    const client = runtime.client;
    return {
      client,
      cuda: (root) => ({
        isGpuContainer: async (c) => profileHasNvproxy(root.ctx.globalFlags) || (await bundleAsksForGpu(client.host, c.bundle)),
        binaryInContainer: (c, path) => binaryInContainer(client, root.ctx, c.id, path),
      }),
      roots: await roots.resolve(runtime),
      imagesDir: this.deps.imagesDir,
      findContainer: (root, id) => containers.findForPlan(client, root, id),
      memoryBytes: async (root, id) => {
        try {
          return parseEventsStats((await client.call(root.ctx, 'events', { id, stats: true })).stdout).usageBytes;
        } catch {
          return null;
        }
      },
    };
  }
}

function publicPlan(plan: CheckpointPlanDetail): DeskResults['planCheckpoint'] {
  return { argv: plan.argv, problems: plan.problems, warnings: plan.warnings, imagePath: plan.imagePath, followUps: plan.followUps };
}
