// Migrate: plan on both hosts, then one local job whose steps run on the source and the
// target (checkpoint, transfer, restore, and the source's removal if asked).
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { Request } from '../../../shared/schemas';
import { migrateWork } from '../migrate/job';
import { planMigrate, type MigratePlanDetail } from '../migrate/plan';
import type { JobRunner } from '../jobs/runner';
import type { HostServices } from './host-services';

export interface MigrateDeps {
  hosts: { get(name?: string): Promise<HostServices> };
  runner: JobRunner;
  /** After the job, both hosts' windows hear of the change. */
  changed(host: string): Promise<void>;
}

export class MigrateService {
  constructor(private readonly deps: MigrateDeps) {}

  async planMigrate(request: Request<'planMigrate'>): Promise<DeskResults['planMigrate']> {
    const { request: _request, sourceRunning: _running, ...plan } = await this.plan(request);
    return plan;
  }

  async migrate(request: Request<'migrate'>): Promise<DeskResults['migrate']> {
    const [source, target] = await this.ends(request);
    const plan = await planMigrate(source, target, request);
    if (plan.problems.length > 0) {
      const first = plan.problems[0]!;
      const more = plan.problems.length > 1 ? ` (and ${plan.problems.length - 1} more: see planMigrate)` : '';
      throw new DeskError(first.code, `${first.message}${more}`, { field: first.field, problems: plan.problems });
    }
    const { runner } = this.deps;
    const job = await runner.start(
      'migrate',
      `Migrate ${request.id} from ${source.name} to ${target.name}`,
      { root: request.root, id: request.id, host: source.name },
      { ...request, host: source.name, toRoot: plan.target.root, imagePath: plan.source.imagePath, targetImagePath: plan.target.imagePath },
      migrateWork(source, target, plan),
    );
    void runner.done(job.id).then(() => Promise.allSettled([this.deps.changed(source.name), this.deps.changed(target.name)]));
    return { jobId: job.id };
  }

  private async plan(request: Request<'migrate'>): Promise<MigratePlanDetail> {
    const [source, target] = await this.ends(request);
    return planMigrate(source, target, request);
  }

  private ends(request: Request<'migrate'>): Promise<[HostServices, HostServices]> {
    return Promise.all([this.deps.hosts.get(request.host ?? 'local'), this.deps.hosts.get(request.toHost)]);
  }
}
