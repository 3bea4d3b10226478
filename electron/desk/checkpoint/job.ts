// The checkpoint job: set up the folders, run runsc with its output streamed, emulate
// leave-running where this runsc cannot, and write the image record.
import { join } from 'node:path';
import type { ImageRecord } from '../../../shared/images';
import { DeskError } from '../../../shared/errors';
import { createDirs, exists, folderBytes } from '../dirs';
import { imageFiles, writeRecord } from '../images/record';
import { JobFailure, runscStepFailure, type JobContext } from '../jobs/runner';
import type { RunscClient } from '../runsc/client';
import { STATEFILE } from '../dirs';
import type { CheckpointPlanDetail, CheckpointRequest } from './plan';
import { waitUntilRunning } from './wait-running';
import { noteStopping } from './wait-stopped';
import { findCudaProcesses, readCli, resumeAll, resumeCheckpointed, scanDeviceHolders, suspendAll, type CudaTarget } from './cuda-steps';
import type { CudaCli } from '../cuda/help';
import type { CudaOutcome } from '../../../shared/gpu';
import { gpuInventory } from '../cuda/inventory';
import { debugContext, runscWithDebug } from '../jobs/debug-logs';
import { recordFacts } from '../jobs/facts';
import type { RootContext } from '../runsc/argv';

function initialCudaOutcome(plan: CheckpointPlanDetail): CudaOutcome | null {
  if (!plan.cuda.gpuContainer) return null;
  if (plan.cuda.mode === 'gvisor') return { outcome: 'captured-by-gvisor', pathInContainer: plan.cuda.pathInContainer };
  if (plan.cuda.policy === 'off') return { outcome: 'off' };
  if (plan.cuda.notCaptured) return { outcome: 'not-captured', note: plan.cuda.notCaptured };
  return null;
}

const PROGRESS_MS = 500;
const RESTORE_TIMEOUT_MS = 60_000;

export function checkpointWork(client: RunscClient, request: CheckpointRequest, plan: CheckpointPlanDetail) {
  return async (ctx: JobContext): Promise<void> => {
    const facts: { pending: Promise<unknown> } = { pending: Promise.resolve() };
    try {
      await checkpoint(ctx, client, request, plan, facts);
    } finally {
      // Read beside runsc; the job ends with them, whatever its outcome.
      await facts.pending;
    }
  };
}

async function checkpoint(ctx: JobContext, client: RunscClient, request: CheckpointRequest, plan: CheckpointPlanDetail, facts: { pending: Promise<unknown> }): Promise<void> {
  const root = plan.root!;
  const container = plan.container!;
  const { imagePath } = plan;
  // The image lives where the container runs.
  const { host } = client;
  ctx.update({ imagePath, request: { ...request } });
  const started = Date.now();
  let runscArgv: string[] = [];
  let runscCtx: RootContext = root.ctx;

  // What the job ran with is read beside runsc, not before it: nothing in it decides
  // whether runsc runs. The free space is the plan's, measured before anything was written.
  await ctx.step('preflight', 'Check the plan and create the image folder', async () => {
    for (const warning of plan.warnings) ctx.warn(warning);
    const created = await createDirs(host, imagePath);
    if (request.workPath) created.push(...(await createDirs(host, request.workPath)));
    ctx.update({ createdDirs: created });
    ctx.say(created.length > 0 ? `Created ${created.join(', ')} (mode 0700).` : `Using the existing folder ${imagePath}.`);
    facts.pending = recordFacts(ctx, client, { globalFlags: root.ctx.globalFlags, bundle: container.bundle, diskPath: imagePath, imageBytes: null, freeBytes: plan.freeBytes }).catch(() => {});
    runscCtx = await debugContext(ctx, client, root.ctx, request.debug);
  });

  // Best effort: on a full disk the record cannot be written either, and the job's own
  // failure must not be replaced by that one. The job itself still marks the image partial.
  const partial = async (reason: string) => {
    if (!(await exists(host, imagePath))) return;
    try {
      await writeRecord(host, imagePath, await record(client, plan, ctx, runscArgv, started, 'partial', reason));
    } catch (error) {
      ctx.say(`Could not mark the image partial in its record: ${(error as Error).message}`);
    }
  };

  // CUDA first: with the Desk driving, every CUDA process is suspended before the save.
  const target = { client, ctx: root.ctx, id: container.id, path: plan.cuda.pathInContainer };
  let cuda: CudaOutcome | null = initialCudaOutcome(plan);
  let suspended: { pid: number; command: string }[] = [];
  let cli: CudaCli | null = null;
  if (plan.cuda.scanFirst) await refuseLiveDevices(ctx, target, plan);
  if (plan.cuda.mode === 'gvisor') {
    // gVisor skips processes whose --get-state fails without a word: record what is there now.
    try {
      cli = await readCli(ctx, target);
      const found = await findCudaProcesses(ctx, target, cli);
      cuda = { outcome: 'captured-by-gvisor', pathInContainer: plan.cuda.pathInContainer, processes: found.running.map(({ pid, command }) => ({ pid, command })) };
    } catch (error) {
      ctx.warn(`Could not list the CUDA processes before the save (${(error as Error).message}); the record cannot say which ones gVisor toggled.`);
    }
  }
  if (plan.cuda.mode === 'desk') {
    cli = await readCli(ctx, target);
    const found = (await findCudaProcesses(ctx, target, cli)).running.map(({ pid, command }) => ({ pid, command }));
    if (found.length === 0) {
      ctx.say('No CUDA processes in the container: a plain checkpoint.');
      cuda = { outcome: 'no-cuda-processes' };
    } else {
      const result = await suspendAll(ctx, target, found, cli, plan.cuda.sequential);
      if (result.failure) {
        if (plan.cuda.policy === 'auto' || ctx.signal.aborted) throw result.failure;
        ctx.warn(`GPU state not captured: ${result.failure.message}`);
        cuda = { outcome: 'not-captured', processes: found, note: result.failure.message };
      } else {
        suspended = found;
        cuda = { outcome: 'captured', processes: found, pathInContainer: plan.cuda.pathInContainer };
      }
    }
  }
  ctx.update({ cuda });

  // The image's files, listed once after runsc: its size, its checkpoint.img, its record.
  let files: ImageFile[] = [];
  try {
    await ctx.step('runsc', `Checkpoint ${container.id}`, async (step) => {
      const sampler = setInterval(() => {
        void folderBytes(host, imagePath).then((bytes) => ctx.update({ imageBytes: bytes }));
      }, PROGRESS_MS);
      try {
        const result = await runscWithDebug(ctx, step, runscCtx, (rc) => ({ host: client.host, binary: client.binary, privilege: client.privilege, args: client.argv(rc, 'checkpoint', plan.checkpointOptions) }));
        runscArgv = result.argv;
        if (ctx.signal.aborted) throw new JobFailure(new DeskError('RUNSC_FAILED', 'Cancelled while runsc was writing the image; it is partial.'));
        if (result.exitCode !== 0) throw runscStepFailure('checkpoint', result);
        // A save without --leave-running stops the sandbox, after runsc returned on 2024 builds:
        // the next plan for this root waits for it (wait-stopped.ts), this job does not.
        if (!plan.checkpointOptions.leaveRunning) noteStopping(client, root.ctx, container.id, container.pid);
      } finally {
        clearInterval(sampler);
        files = await imageFiles(host, imagePath);
        ctx.update({ imageBytes: totalBytes(files) });
      }
    });
  } catch (error) {
    await partial(ctx.signal.aborted ? 'The checkpoint was cancelled.' : `runsc failed: ${(error as Error).message}`);
    // Give the processes their GPUs back, but only inside a sandbox that still runs.
    if (plan.cuda.mode !== 'skip') {
      if (await stillRunning(client, root.ctx, container.id)) {
        if (suspended.length > 0) await resumeAll(ctx, target, suspended, cli, plan.cuda.sequential, 'cuda-rollback');
        else if (plan.cuda.mode === 'gvisor') await resumeCheckpointed(ctx, target, cli, plan.cuda.sequential);
      } else {
        ctx.warn(`${container.id} is no longer running after the failed save: its GPU state cannot be given back.`);
      }
    }
    throw error;
  }
  if (suspended.length > 0 && request.leaveRunning) {
    await resumeAll(ctx, target, suspended, cli, plan.cuda.sequential);
  }
  // The listing taken right after runsc: the GPU steps since then do not touch the image.
  if (!files.some((f) => f.name === STATEFILE)) {
    await partial('runsc exited 0 but wrote no checkpoint.img.');
    throw new JobFailure(new DeskError('RUNSC_FAILED', `runsc exited 0 but ${join(imagePath, STATEFILE)} is missing.`));
  }

  if (plan.emulateLeaveRunning) await resumeByRestore(ctx, client, plan, runscCtx);
  if (plan.cuda.forceLeaveRunning && !request.leaveRunning) {
    await stopAfterSave(ctx, client, plan);
    if (cuda) cuda = { ...cuda, stoppedAfterSave: true };
  }

  await ctx.step('record', 'Write the image record', async () => {
    // GPU state is bound to this driver (and these GPUs): restore compares them.
    if (cuda && (cuda.outcome === 'captured' || cuda.outcome === 'captured-by-gvisor')) {
      const inventory = await gpuInventory(host);
      if (inventory) cuda = { ...cuda, host: inventory };
    }
    await facts.pending;
    await writeRecord(host, imagePath, { ...(await record(client, plan, ctx, runscArgv, started, 'complete', undefined, files)), cuda });
    ctx.say(`Wrote ${join(imagePath, 'checkpoint-desk.json')}.`);
  });
}

/** Whether `runsc state` says the container runs: the only case where anything is given back. */
async function stillRunning(client: RunscClient, ctx: RootContext, id: string): Promise<boolean> {
  try {
    const state = JSON.parse((await client.call(ctx, 'state', { id })).stdout) as { status?: string };
    return state.status === 'running';
  } catch {
    return false;
  }
}

/** Policy off, or best-effort without cuda-checkpoint: look before the save, read-only. */
async function refuseLiveDevices(ctx: JobContext, target: CudaTarget, plan: CheckpointPlanDetail): Promise<void> {
  let holders: Awaited<ReturnType<typeof scanDeviceHolders>>;
  try {
    holders = await scanDeviceHolders(ctx, target);
  } catch (error) {
    ctx.warn(`Could not look for processes holding NVIDIA devices (${(error as Error).message}). The save runs with --leave-running, so if it fails on GPU state the container keeps running.`);
    return;
  }
  if (holders.length === 0) {
    ctx.say('No process holds an NVIDIA device: nothing on the GPU to lose.');
    return;
  }
  const list = holders.map((h) => `${h.pid} (${h.command})`).join(', ');
  const why = `${list} hold${holders.length === 1 ? 's' : ''} NVIDIA devices. runsc cannot save live GPU state without cuda-checkpoint ("can't save with live nvproxy clients"), and an image with it does not restore.`;
  if (plan.cuda.policy === 'off') {
    throw new JobFailure(new DeskError('UNSUPPORTED_OPTION', `${why} CUDA is off, so the Desk stops here and the container runs on untouched. Set CUDA to auto, or stop those processes.`, { field: 'cuda' }));
  }
  ctx.warn(`${why} Best-effort goes on; the container is saved with --leave-running, so a failed save leaves it running.`);
}

/** A GPU container saved with --leave-running that the person did not ask to keep: stop it now, as a plain checkpoint would. */
async function stopAfterSave(ctx: JobContext, client: RunscClient, plan: CheckpointPlanDetail): Promise<void> {
  const root = plan.root!;
  const container = plan.container!;
  await ctx.step('stop', `Stop ${container.id}: it was saved with --leave-running only to survive a failed save`, async (step) => {
    const result = await ctx.runsc(step, { host: client.host, binary: client.binary, privilege: client.privilege, args: client.argv(root.ctx, 'delete', { id: container.id, force: true }), timeoutMs: RESTORE_TIMEOUT_MS });
    if (result.exitCode !== 0) throw runscStepFailure('delete', result);
  });
}

/** What 2022 runsc does for --leave-running, without blocking on the container: delete, then restore detached. */
async function resumeByRestore(ctx: JobContext, client: RunscClient, plan: CheckpointPlanDetail, runscCtx: RootContext): Promise<void> {
  const root = plan.root!;
  const container = plan.container!;
  await ctx.step('delete', `Delete the stopped ${container.id}`, async (step) => {
    const result = await runscWithDebug(ctx, step, runscCtx, (rc) => ({ host: client.host, binary: client.binary, privilege: client.privilege, args: client.argv(rc, 'delete', { id: container.id, force: true }), timeoutMs: RESTORE_TIMEOUT_MS }));
    if (result.exitCode !== 0) throw runscStepFailure('delete', result);
  });
  await ctx.step('restore', `Restore ${container.id} from the image, detached`, async (step) => {
    const result = await runscWithDebug(ctx, step, runscCtx, (rc) => ({
      host: client.host,
      binary: client.binary,
      privilege: client.privilege,
      args: client.argv(rc, 'restore', { id: container.id, bundle: container.bundle, imagePath: plan.imagePath, detach: true }),
      // Detached: runsc hands its stdio to the sandbox, so a file, never a pipe.
      outputFile: join(ctx.folder, 'container-stdio.log'),
      timeoutMs: RESTORE_TIMEOUT_MS,
    }));
    if (result.exitCode !== 0) throw runscStepFailure('restore', result);
  });
  await ctx.step('wait', `Wait until ${container.id} runs`, async () => {
    const now = await waitUntilRunning(client, root.ctx, container.id, ctx.signal);
    ctx.note(`${container.id} runs again, restored from the image. Its PID changed from ${container.pid ?? '?'} to ${now.pid ?? '?'}.`);
  });
}

type ImageFile = { name: string; bytes: number };

function totalBytes(files: ImageFile[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0);
}

async function record(
  client: RunscClient,
  plan: CheckpointPlanDetail,
  ctx: JobContext,
  argv: string[],
  started: number,
  state: ImageRecord['state'],
  reason?: string,
  listed?: ImageFile[],
): Promise<ImageRecord> {
  const files = listed ?? (await imageFiles(client.host, plan.imagePath));
  return {
    format: 1,
    state,
    ...(reason ? { reason } : {}),
    jobId: ctx.job.id,
    containerId: plan.container!.id,
    root: plan.root!.profile.path,
    bundle: plan.container!.bundle,
    globalFlags: plan.root!.ctx.globalFlags,
    runscVersion: client.caps.version,
    runscPath: client.binary,
    argv,
    leaveRunning: Boolean(ctx.job.options.leaveRunning),
    compression: plan.checkpointOptions.compression ?? null,
    startedAt: started,
    durationMs: Date.now() - started,
    files,
    totalBytes: totalBytes(files),
    cuda: ctx.job.cuda ?? null,
    warnings: ctx.job.warnings,
  };
}
