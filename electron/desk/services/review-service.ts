// Failure review: the files a job kept (runsc's debug logs), what changed since the
// last success, and the report to attach to an issue.
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import type { Request } from '../../../shared/schemas';
import { compareJobs, lastSuccessBefore } from '../jobs/compare';
import { JobFilePages, listJobFiles } from '../jobs/job-files';
import type { JobStore } from '../jobs/job-store';
import type { JobRunner } from '../jobs/runner';
import { reportName, writeJobReport } from '../jobs/report';

/** Past this a report is not sent through the API as base64; its path is given instead. */
export const MAX_REPORT_DOWNLOAD = 64 * 1024 * 1024;

export class ReviewService {
  private readonly pages: JobFilePages;
  /** One export per job at a time: a second click waits for the first archive. */
  private readonly exporting = new Map<string, Promise<DeskResults['exportJobReport']>>();

  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
    private readonly deskVersion: string,
  ) {
    this.pages = new JobFilePages(store.host);
  }

  private job(jobId: string, field = 'jobId'): Job {
    const job = this.store.get(jobId);
    if (!job) throw new DeskError('NOT_FOUND', `There is no job ${jobId}.`, { field });
    return job;
  }

  async listJobFiles(request: Request<'listJobFiles'>): Promise<DeskResults['listJobFiles']> {
    const job = this.job(request.jobId);
    return listJobFiles(this.store.host, this.store.folder(job.id));
  }

  async getJobFile(request: Request<'getJobFile'>): Promise<DeskResults['getJobFile']> {
    const job = this.job(request.jobId);
    return this.pages.read(this.store.folder(job.id), request.name, request.offset ?? 0, request.limit ?? 1000);
  }

  async compareJobs(request: Request<'compareJobs'>): Promise<DeskResults['compareJobs']> {
    const job = this.job(request.jobId);
    if (request.withJobId === job.id) {
      throw new DeskError('INVALID_INPUT', 'compareJobs: withJobId names the job itself; pick another job to compare with.', { field: 'withJobId' });
    }
    const other = request.withJobId ? this.job(request.withJobId, 'withJobId') : lastSuccessBefore(job, this.store.list());
    return compareJobs(job, other);
  }

  async exportJobReport(request: Request<'exportJobReport'>): Promise<DeskResults['exportJobReport']> {
    const job = this.job(request.jobId);
    if (this.runner.isRunning(job.id) || job.status === 'running' || job.status === 'queued') {
      throw new DeskError('INVALID_INPUT', `${job.title} is still ${job.status}; its report can be saved once it ends.`, { field: 'jobId' });
    }
    const running = this.exporting.get(job.id);
    if (running) return running;
    const work = writeJobReport({
      host: this.store.host,
      folder: this.store.folder(job.id),
      job,
      log: this.runner.log(job.id),
      deskVersion: this.deskVersion,
    }).finally(() => this.exporting.delete(job.id));
    this.exporting.set(job.id, work);
    return work;
  }

  /** The report's bytes for the browser shell's download; written first. */
  async getJobReport(request: Request<'getJobReport'>): Promise<DeskResults['getJobReport']> {
    const { path, bytes } = await this.exportJobReport(request);
    if (bytes > MAX_REPORT_DOWNLOAD) {
      throw new DeskError('PAYLOAD_TOO_LARGE', `The report is ${Math.round(bytes / 1024 / 1024)} MiB, too large to send through the browser; it is at ${path}.`, { path });
    }
    const data = await this.store.host.readRange(path, 0, bytes);
    return { path, name: reportName(this.job(request.jobId)), bytes, base64: data.toString('base64') };
  }
}

