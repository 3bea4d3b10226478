// Checkpoint: plan (as a person types) and start the job, through the container's manager.
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { Request } from '../../../shared/schemas';
import { planCheckpoint, planRefusal, type CheckpointPlanDetail, type PlanDeps } from '../checkpoint/plan';
import { binaryInContainer } from '../cuda/in-container';
import { isGpuContainer } from '../cuda/gpu-container';
import { buildDate } from '../checkpoint/generation';
import { containerFromStateFile } from '../checkpoint/sandbox-state';
import { stopsSettled } from '../checkpoint/wait-stopped';
import type { Host } from '../host/host';
import type { ResolvedRoot } from '../roots';
import type { Container } from '../../../shared/model';
import { JobFailure, type JobContext, type JobRunner } from '../jobs/runner';
import type { JobWork, Managers } from '../managers/manager';
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
    return publicPlan(await this.plan(await this.planDeps(request.root), request));
  }

  async checkpoint(request: Request<'checkpoint'>): Promise<DeskResults['checkpoint']> {
    const { containers, runner, managers } = this.deps;
    const deps = await this.planDeps(request.root, { readStateFile: true, id: request.id });
    const plan = await this.plan(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    containers.forgetPlanListings();
    const job = await runner.start(
      'checkpoint',
      `Checkpoint ${request.id}`,
      { root: request.root, id: request.id, host: deps.client.host.name },
      { ...request, imagePath: plan.imagePath },
      refusedByRunsc(deps.client.host, managers.of(plan.root!).checkpointWork(deps.client, request, plan), request.id),
    );
    void runner.done(job.id).then(() => containers.announceChange());
    return { jobId: job.id };
  }

  /**
   * A checkpoint's plan and work, for a job that runs it among its own steps (migrate):
   * refused as checkpoint() would refuse it.
   */
  async prepare(request: Request<'checkpoint'>): Promise<{ plan: CheckpointPlanDetail; work: JobWork }> {
    const deps = await this.planDeps(request.root, { readStateFile: true, id: request.id });
    const plan = await this.plan(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    this.deps.containers.forgetPlanListings();
    return { plan, work: refusedByRunsc(deps.client.host, this.deps.managers.of(plan.root!).checkpointWork(deps.client, request, plan), request.id) };
  }

  /** The plan, with the manager's refusal first when it does not let the Desk checkpoint here. */
  private async plan(deps: PlanDeps, request: Request<'checkpoint'>): Promise<CheckpointPlanDetail> {
    const plan = await planCheckpoint(deps, request);
    const manager = plan.root ? this.deps.managers.of(plan.root) : null;
    if (manager?.reviseCheckpointPlan) await manager.reviseCheckpointPlan(plan, request);
    else if (request.checkpointName) {
      plan.problems.push({ code: 'INVALID_INPUT', field: 'checkpointName', message: 'A checkpoint name is Docker\'s; on a runsc root, pick the image folder instead.' });
    }
    const refusal = plan.root ? this.deps.managers.of(plan.root).refusal('checkpoint', plan.root.profile.path) : null;
    if (refusal) plan.problems.unshift({ code: refusal.code, field: 'root', message: refusal.message });
    return plan;
  }

  /**
   * `readStateFile`: a checkpoint about to run takes the container from runsc's state
   * file rather than a `runsc list`; runsc itself then says whether it runs.
   */
  private async planDeps(rootPath: string, { readStateFile = false, id }: { readStateFile?: boolean; id?: string } = {}): Promise<PlanDeps> {
    const { runtime: runtimeService, roots, containers } = this.deps;
    // The state file is read while the runsc binary and the roots are resolved: it needs
    // neither, only the root's path on this host. Used only for a runsc root at that path.
    const stateFiles = new Map<string, Promise<Container | null>>();
    const stateFile = (id: string) => {
      let pending = stateFiles.get(id);
      if (!pending) {
        pending = stopsSettled(rootPath, id).then(() => containerFromStateFile(runtimeService.host, rootPath, id, 'runsc'));
        stateFiles.set(id, pending);
      }
      return pending;
    };
    if (readStateFile && id !== undefined) void stateFile(id).catch(() => null);
    // The root's own runsc (Docker's runtime, the user's choice), else the default: a
    // checkpoint is made, and its flags checked, by the binary its sandbox runs under.
    const defaultRuntime = await runtimeService.current();
    const resolved = await roots.resolve(defaultRuntime);
    const found = resolved.find((r) => r.profile.path === rootPath) ?? null;
    // known() binds it through runtimeService.runtimeFor and checks its flags against that binary.
    const bound = found?.profile.runsc ? await roots.known(rootPath) : null;
    const runtime = bound?.runtime ?? defaultRuntime;
    if (!runtime.client) throw runscUnavailable(runtime.info);
    const client = runtime.client;
    const prefetchable = (root: ResolvedRoot) => root.ctx.root === rootPath && client.host === runtimeService.host;
    return {
      client,
      cuda: (root) => ({
        isGpuContainer: (c) => isGpuContainer(client.host, c.bundle, root.ctx.globalFlags, buildDate(client.caps)),
        binaryInContainer: (c, path) => binaryInContainer(client, root.ctx, c.id, path),
      }),
      roots: bound ? resolved.map((r) => (r === found ? bound.root : r)) : resolved,
      imagesDir: this.deps.imagesDir,
      findContainer: async (root, id) =>
        // A sandbox that a checkpoint just stopped has exited first (wait-stopped.ts).
        (await stopsSettled(root.ctx.root, id)) ??
        (readStateFile && root.manager === 'runsc' ? await (prefetchable(root) ? stateFile(id) : containerFromStateFile(client.host, root.ctx.root, id, root.manager)) : null) ??
        containers.findForPlan(client, root, id),
      // A checkpoint about to run needs a choice, not the dialog's estimates (plan.ts).
      estimates: !readStateFile,
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

/**
 * runsc's "cannot checkpoint container in state X": the state the plan no longer checks
 * first. runsc 2024 says it as "connecting to control server at PID N: connection
 * refused" when the sandbox has exited: stopped.
 */
const NOT_RUNNING = /cannot checkpoint container "[^"]*" in state (\w+)|checkpointing container "[^"]*": connecting to control server at PID \d+: connection refused/;

/**
 * The job, with runsc's refusal of a container that does not run turned into the
 * refusal the plan would have given: CONTAINER_NOT_RUNNING, and no folder left behind
 * by the Desk (runsc wrote nothing into it but the Desk's partial record).
 */
function refusedByRunsc(host: Host, work: JobWork, id: string): JobWork {
  return async (ctx: JobContext) => {
    try {
      await work(ctx);
    } catch (error) {
      const stderr = error instanceof JobFailure ? String((error.error.details as { stderr?: unknown } | undefined)?.stderr ?? '') : '';
      const match = NOT_RUNNING.exec(stderr);
      if (!match) throw error;
      const state = match[1] ?? 'stopped';
      const created = ctx.job.createdDirs ?? [];
      // Deepest first: createDirs lists them from the top down.
      for (const dir of [...created].reverse()) {
        await host.remove(dir, { recursive: true }).catch((cause: unknown) => ctx.say(`Could not remove ${dir}: ${(cause as Error).message}`));
      }
      if (created.length > 0) ctx.say(`Removed ${created.join(', ')}: runsc saved nothing there.`);
      // runsc's own words and exit stay in the details; only the code says what it means.
      const { error: failure, diagnosis } = error as JobFailure;
      const details = { ...(failure.details as Record<string, unknown> | undefined), field: 'id', state };
      throw new JobFailure(new DeskError('CONTAINER_NOT_RUNNING', `"${id}" is ${state}, not running. ${failure.message}`, details as never), diagnosis);
    }
  };
}

function publicPlan(plan: CheckpointPlanDetail): DeskResults['planCheckpoint'] {
  return { argv: plan.argv, problems: plan.problems, warnings: plan.warnings, imagePath: plan.imagePath, followUps: plan.followUps, speed: plan.speed ?? null };
}
