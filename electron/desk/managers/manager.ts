// The Manager seam: who owns a container's lifecycle. Checkpoint, restore and stop ask
// the container's manager, never runsc directly, because some roots belong to a daemon
// (Docker, containerd) that must stay the one to change them.
import type { DeskError } from '../../../shared/errors';
import type { ManagerKind, RootSource } from '../../../shared/model';
import type { CheckpointPlanDetail, CheckpointRequest } from '../checkpoint/plan';
import type { JobContext } from '../jobs/runner';
import type { RestorePlanDetail } from '../restore/plan';
import type { ResolvedRoot } from '../roots';
import type { RunscClient } from '../runsc/client';

export type LifecycleAction = 'checkpoint' | 'restore' | 'stop' | 'delete';

/** What a job does, step by step. */
export type JobWork = (ctx: JobContext) => Promise<void>;

export interface Manager {
  readonly kind: ManagerKind;
  /** Why this manager does not let the Desk do that under this root; null when it does. */
  refusal(action: LifecycleAction, root: string): DeskError | null;
  /** Stops and deletes the container (`runsc delete --force` for plain runsc). */
  stop(client: RunscClient, root: ResolvedRoot, id: string): Promise<void>;
  checkpointWork(client: RunscClient, request: CheckpointRequest, plan: CheckpointPlanDetail): JobWork;
  restoreWork(client: RunscClient, plan: RestorePlanDetail): JobWork;
  /** Puts a checkpoint plan in the manager's own terms (Docker: its checkpoint name, its way of leaving running). */
  reviseCheckpointPlan?(plan: CheckpointPlanDetail, request: CheckpointRequest): Promise<void>;
}

/** The manager of a root, from where the Desk found it. */
export function managerKind(source: RootSource): ManagerKind {
  if (source === 'containerd') return 'containerd';
  if (source === 'docker') return 'docker';
  return 'runsc';
}

/** The managers by kind; composed once, in createDesk. */
export class Managers {
  constructor(private readonly byKind: Record<ManagerKind, Manager>) {}

  of(root: Pick<ResolvedRoot, 'manager'>): Manager {
    return this.byKind[root.manager];
  }
}
