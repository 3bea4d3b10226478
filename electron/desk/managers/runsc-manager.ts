// The Desk drives runsc itself: the Desk's own root and plain runsc roots.
import type { DeskError } from '../../../shared/errors';
import type { ManagerKind } from '../../../shared/model';
import { checkpointWork } from '../checkpoint/job';
import { restoreWork } from '../restore/job';
import type { ResolvedRoot } from '../roots';
import type { RunscClient } from '../runsc/client';
import type { CheckpointPlanDetail, CheckpointRequest } from '../checkpoint/plan';
import type { RestorePlanDetail } from '../restore/plan';
import type { JobWork, Manager } from './manager';

export class RunscManager implements Manager {
  readonly kind: ManagerKind = 'runsc';

  refusal(): DeskError | null {
    return null;
  }

  async stop(client: RunscClient, root: ResolvedRoot, id: string): Promise<void> {
    await client.call(root.ctx, 'delete', { id, force: true });
  }

  checkpointWork(client: RunscClient, request: CheckpointRequest, plan: CheckpointPlanDetail): JobWork {
    return checkpointWork(client, request, plan);
  }

  restoreWork(client: RunscClient, plan: RestorePlanDetail): JobWork {
    return restoreWork(client, plan);
  }
}
