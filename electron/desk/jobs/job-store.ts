// Jobs on disk: jobs/<id>/job.json (rewritten atomically) and jobs/<id>/log.ndjson
// (appended). History survives restarts and opens in any editor.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Job } from '../../../shared/jobs';
import type { Host } from '../host/host';

export interface CorruptJob {
  id: string;
  reason: string;
}

export class JobStore {
  readonly dir: string;
  private readonly jobs = new Map<string, Job>();
  readonly corrupt: CorruptJob[] = [];

  constructor(
    /** Jobs stay on this machine, wherever their steps run. */
    readonly host: Host,
    dataDir: string,
  ) {
    this.dir = join(dataDir, 'jobs');
  }

  /** Loads every job; one left running by a crash becomes interrupted. A corrupt one is reported, not fatal. */
  async load(): Promise<void> {
    await this.host.mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const { name: id } of await this.host.readdir(this.dir)) {
      try {
        const job = JSON.parse(await this.host.readFile(this.jobFile(id))) as Job;
        if (typeof job.id !== 'string' || typeof job.status !== 'string' || !Array.isArray(job.steps)) {
          throw new Error('job.json lacks id, status or steps');
        }
        if (job.status === 'running' || job.status === 'queued') {
          job.status = 'interrupted';
          job.endedAt ??= Date.now();
          for (const step of job.steps) if (step.status === 'running') step.status = 'cancelled';
          job.notes.push('The Desk stopped while this job ran; its log up to that point is kept.');
          await this.save(job);
        }
        this.jobs.set(job.id, job);
      } catch (error) {
        this.corrupt.push({ id, reason: (error as Error).message });
      }
    }
  }

  newId(): string {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').toLowerCase();
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  folder(id: string): string {
    return join(this.dir, id);
  }

  logFile(id: string): string {
    return join(this.dir, id, 'log.ndjson');
  }

  private jobFile(id: string): string {
    return join(this.dir, id, 'job.json');
  }

  /** The job as it is now, for readers, before (or without) its file being written. */
  remember(job: Job): void {
    this.jobs.set(job.id, job);
  }

  async save(job: Job): Promise<void> {
    this.jobs.set(job.id, job);
    await this.host.writeFileAtomic(this.jobFile(job.id), `${JSON.stringify(job, null, 2)}\n`);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }
}
