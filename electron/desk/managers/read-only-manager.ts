// containerd and Kubernetes roots (/run/containerd/runsc/<namespace>): containerd owns
// these sandboxes, and a runsc delete or restore behind its back leaves its state wrong.
// The Desk lists them, and refuses everything that would change them.
import { DeskError } from '../../../shared/errors';
import type { ManagerKind } from '../../../shared/model';
import type { LifecycleAction, JobWork, Manager } from './manager';

const TOOLS: Partial<Record<ManagerKind, string>> = { containerd: 'ctr or crictl' };

export class ReadOnlyManager implements Manager {
  constructor(readonly kind: ManagerKind) {}

  refusal(action: LifecycleAction, root: string): DeskError {
    const tools = TOOLS[this.kind] ? ` Use ${TOOLS[this.kind]} to ${action} it.` : '';
    return new DeskError(
      'INVALID_INPUT',
      `${root} is managed by ${this.kind}: the Desk lists its containers but never checkpoints, restores, stops or deletes them.${tools}`,
      { field: 'root', manager: this.kind, action },
    );
  }

  stop(_client: unknown, root: { profile: { path: string } }): Promise<void> {
    return Promise.reject(this.refusal('stop', root.profile.path));
  }

  checkpointWork(_client: unknown, request: { root: string }): JobWork {
    throw this.refusal('checkpoint', request.root);
  }

  restoreWork(_client: unknown, plan: { resolved: { root: string } }): JobWork {
    throw this.refusal('restore', plan.resolved.root);
  }
}
