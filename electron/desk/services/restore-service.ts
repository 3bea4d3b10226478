// Restore: plan from the image record and start the job, through the target root's manager.
import type { DeskResults } from '../../../shared/api';
import type { Request } from '../../../shared/schemas';
import { planRefusal } from '../checkpoint/plan';
import type { JobRunner } from '../jobs/runner';
import type { JobWork, Managers } from '../managers/manager';
import type { Engine } from '../docker/engine';
import { dockerCheckpointOf, planDockerRestore } from '../restore/docker-plan';
import { planRestore, type RestoreDeps, type RestorePlanDetail } from '../restore/plan';
import { pickRestoreRunsc, type RunscPick } from '../restore/runsc-pick';
import { stopsSettled } from '../checkpoint/wait-stopped';
import type { ContainersService } from './containers-service';
import type { ImagesService } from './images-service';
import type { RootsService } from './roots-service';
import { runscUnavailable, type RuntimeService } from './runtime-service';

export interface RestoreServiceDeps {
  runtime: RuntimeService;
  roots: RootsService;
  containers: ContainersService;
  images: ImagesService;
  managers: Managers;
  runner: JobRunner;
  /** Restores Docker's checkpoints through Docker. */
  docker?: Engine;
}

export class RestoreService {
  constructor(private readonly deps: RestoreServiceDeps) {}

  async planRestore(request: Request<'planRestore'>): Promise<DeskResults['planRestore']> {
    return publicRestorePlan(await this.plan(await this.restoreDeps(request), request));
  }

  async restore(request: Request<'restore'>): Promise<DeskResults['restore']> {
    const { runner, managers, containers } = this.deps;
    const deps = await this.restoreDeps(request);
    const plan = await this.plan(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    const { root, id } = plan.resolved;
    const job = await runner.start('restore', `Restore ${id}`, { root, id, host: deps.client.host.name }, { ...request, ...plan.resolved }, managers.of(plan.root!).restoreWork(deps.client, plan));
    void runner.done(job.id).then(() => containers.announceChange());
    return { jobId: job.id };
  }

  /** A restore's plan and work, for a job that runs it among its own steps (migrate). */
  async prepare(request: Request<'restore'>): Promise<{ plan: RestorePlanDetail; work: JobWork }> {
    const deps = await this.restoreDeps(request);
    const plan = await this.plan(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    return { plan, work: this.deps.managers.of(plan.root!).restoreWork(deps.client, plan) };
  }

  /** The plan, with the manager's refusal first when it does not let the Desk restore into this root. */
  private async plan(deps: RestoreDeps & { pick: RunscPick | null }, request: Request<'restore'>): Promise<RestorePlanDetail> {
    const docker = this.deps.docker;
    const plan = docker && dockerCheckpointOf(request.imagePath) ? await planDockerRestore({ engine: docker, roots: deps.roots, host: deps.client.host }, request) : await planRestore(deps, request);
    // The runsc whose version made the image, or the refusal of one that did not.
    if (deps.pick) {
      plan.problems.unshift(...deps.pick.problems);
      plan.warnings.push(...deps.pick.warnings);
      plan.defaults.push(...deps.pick.defaults);
      plan.resolved.runsc = deps.client.binary;
    }
    if (plan.root?.manager === 'docker' && !dockerCheckpointOf(request.imagePath)) {
      plan.problems.unshift({ code: 'INVALID_INPUT', field: 'root', message: `${plan.root.profile.path} belongs to Docker, which restores only its own checkpoints into the container that made them. Restore this image into a runsc root.` });
    }
    const refusal = plan.root ? this.deps.managers.of(plan.root).refusal('restore', plan.root.profile.path) : null;
    if (refusal) plan.problems.unshift({ code: refusal.code, field: 'root', message: refusal.message });
    return plan;
  }

  private async restoreDeps(request: Request<'restore'>): Promise<RestoreDeps & { pick: RunscPick | null }> {
    const { runtime: runtimeService, roots, containers, images } = this.deps;
    const defaultRuntime = await runtimeService.current();
    // Docker restores its own checkpoints with its own runtime; any other image, with the runsc of its version.
    const pick = dockerCheckpointOf(request.imagePath)
      ? null
      : await pickRestoreRunsc(
          { host: runtimeService.host, defaultRuntime, binaries: () => runtimeService.binaries(), forPath: (path) => runtimeService.forPath(path) },
          request,
          await images.image(request.imagePath).catch(() => null),
        );
    const runtime = pick?.runtime ?? defaultRuntime;
    if (!runtime.client) throw runscUnavailable(runtime.info);
    const client = runtime.client;
    return {
      client,
      roots: await roots.resolve(runtime),
      // A sandbox that a checkpoint just stopped reads as stopped: restore in place finds it.
      containers: async (root) => {
        await stopsSettled(root.ctx.root);
        return containers.containersOf(client, root);
      },
      image: (path) => images.image(path),
      pick,
    };
  }
}

function publicRestorePlan(plan: RestorePlanDetail): DeskResults['planRestore'] {
  return { argv: plan.argv, problems: plan.problems, warnings: plan.warnings, resolved: plan.resolved, defaults: plan.defaults, replaces: plan.replaces ?? null };
}
