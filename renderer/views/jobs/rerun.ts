// "Run again with debug logs": the failed job's request as the person sent it, plus
// debug, linked to the failed job. Jobs from before the Desk kept the request fall back
// to their options, less the folder a checkpoint filled in (it may hold a partial image).
import type { Job } from '../../../shared/jobs';
import type { RequestInput } from '../../../shared/schemas';

export const canRerun = (job: Job): job is Job & { kind: 'checkpoint' | 'restore' } =>
  job.status !== 'running' && job.status !== 'queued' && (job.kind === 'checkpoint' || job.kind === 'restore');

export function rerunRequest(job: Job): RequestInput<'checkpoint'> | RequestInput<'restore'> {
  const base: Record<string, unknown> = { ...(job.request ?? job.options) };
  if (!job.request && job.kind === 'checkpoint') delete base.imagePath;
  delete base.rerunOf;
  return { ...base, debug: true, rerunOf: job.id } as RequestInput<'checkpoint'> | RequestInput<'restore'>;
}
