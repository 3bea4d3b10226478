// Jobs as the DeskApi sees them: read, listed, their logs paged, cancelled.
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import type { Request } from '../../../shared/schemas';
import type { JobStore } from '../jobs/job-store';
import type { JobRunner } from '../jobs/runner';

export class JobsService {
  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
  ) {}

  /** The job, or NOT_FOUND. */
  job(jobId: string): Job {
    const job = this.store.get(jobId);
    if (!job) throw new DeskError('NOT_FOUND', `There is no job ${jobId}.`, { field: 'jobId' });
    return job;
  }

  async getJob(request: Request<'getJob'>): Promise<Job> {
    return this.job(request.jobId);
  }

  async getJobLog(request: Request<'getJobLog'>): Promise<DeskResults['getJobLog']> {
    this.job(request.jobId);
    return this.runner.log(request.jobId).read(request.offset ?? 0, request.limit ?? 1000);
  }

  async listJobs(request: Request<'listJobs'>): Promise<Job[]> {
    return this.store
      .list()
      .filter(
        (j) =>
          (!request.status || j.status === request.status) &&
          (!request.containerId || j.target.id === request.containerId) &&
          // A job names the host its steps ran on; older jobs ran here.
          (!request.host || (j.target.host ?? 'local') === request.host),
      );
  }

  async cancelJob(request: Request<'cancelJob'>): Promise<Job> {
    const job = this.job(request.jobId);
    if (!this.runner.isRunning(job.id)) {
      throw new DeskError('INVALID_INPUT', `${job.title} is ${job.status}; only a running job can be cancelled.`, { field: 'jobId' });
    }
    await this.runner.cancel(job.id);
    return this.job(request.jobId);
  }
}
