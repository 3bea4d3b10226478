// A Desk service on a temporary data dir, with helpers to wait for jobs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, dispatch, type DeskOptions, type DeskService } from '../../electron/desk/index';
import type { Job } from '../../shared/jobs';
import { FINISHED_STATUSES } from '../../shared/jobs';

export const NO_DISCOVERY = { fixed: [], containerdParent: '/nonexistent', dockerDaemonJson: '/nonexistent', xdgRuntimeDir: undefined };

export async function startDesk(runscPath: string, work = mkdtempSync(join(tmpdir(), 'desk-h-')), extra: Partial<DeskOptions> = {}) {
  const dataDir = join(work, 'data');
  const desk = await createDesk({ dataDir, runscPath, privilege: 'none', locations: NO_DISCOVERY, ...extra });
  const call = <T = unknown>(method: string, payload: unknown) => dispatch(desk, method, payload) as Promise<T>;
  return { desk, dataDir, work, call, waitJob: (jobId: string, ms?: number) => waitJob(desk, jobId, ms) };
}

export async function waitJob(desk: DeskService, jobId: string, timeoutMs = 45_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await desk.getJob({ jobId });
    if (FINISHED_STATUSES.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
