// Docker owns the containers of its runtime roots: the Desk changes them only through
// the Engine API (checkpoint, start from a checkpoint, stop), never with raw runsc
// delete, restore or kill, which break Docker's bookkeeping (the restore then fails
// with no config.json, and the container stays Exited). When Docker does not answer,
// the root is listed by runsc and refused every change.
import { DeskError } from '../../../shared/errors';
import type { ManagerKind } from '../../../shared/model';
import { dockerCheckpointWork } from '../checkpoint/docker-job';
import { reviseForDocker } from '../checkpoint/docker-plan';
import type { CheckpointPlanDetail, CheckpointRequest } from '../checkpoint/plan';
import { isUnreachable, type Engine } from '../docker/engine';
import type { DockerLister } from '../docker/listing';
import type { RuntimeVersions } from '../docker/runtimes';
import { dockerRestoreWork } from '../restore/docker-job';
import type { RestorePlanDetail } from '../restore/plan';
import type { ResolvedRoot } from '../roots';
import type { RunscClient } from '../runsc/client';
import type { JobWork, LifecycleAction, Manager } from './manager';

const DOCKER_TOOL: Record<LifecycleAction, string> = {
  checkpoint: 'docker checkpoint create',
  restore: 'docker start --checkpoint',
  stop: 'docker stop',
  delete: 'docker rm',
};

export class DockerManager implements Manager {
  readonly kind: ManagerKind = 'docker';

  constructor(
    private readonly lister: DockerLister,
    private readonly versions: RuntimeVersions,
  ) {}

  get engine(): Engine {
    return this.lister.engine;
  }

  refusal(action: LifecycleAction, root: string): DeskError | null {
    if (action === 'delete') return this.refuse(action, root, 'Docker removes its own containers');
    const down = this.lister.unreachable;
    return down ? this.refuse(action, root, down.message) : null;
  }

  async stop(_client: RunscClient, root: ResolvedRoot, id: string): Promise<void> {
    try {
      await this.engine.stop(id);
    } catch (error) {
      if (isUnreachable(error)) throw this.refuse('stop', root.profile.path, DeskError.from(error).message);
      throw error;
    }
  }

  checkpointWork(client: RunscClient, request: CheckpointRequest, plan: CheckpointPlanDetail): JobWork {
    return dockerCheckpointWork(this.engine, client.host, request, plan);
  }

  restoreWork(client: RunscClient, plan: RestorePlanDetail): JobWork {
    return dockerRestoreWork(this.engine, plan);
  }

  reviseCheckpointPlan(plan: CheckpointPlanDetail, request: CheckpointRequest): Promise<void> {
    return reviseForDocker({ engine: this.engine, versions: this.versions }, plan, request);
  }

  private refuse(action: LifecycleAction, root: string, why: string): DeskError {
    return new DeskError(
      'INVALID_INPUT',
      `${root} belongs to Docker, and the Desk never changes Docker's containers behind its back with raw runsc. ${why} Use ${DOCKER_TOOL[action]} instead.`,
      { field: 'root', manager: 'docker', action },
    );
  }
}
