// The restore job: always detached, the container's stdio going to a file in the job
// folder (a piped detached restore never returns), then wait until it runs.
import { join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import { waitUntilRunning } from '../checkpoint/wait-running';
import { JobFailure, runscStepFailure, type JobContext } from '../jobs/runner';
import { stderrCause } from '../../../shared/runsc-stderr';
import type { RunscClient } from '../runsc/client';
import type { RestorePlanDetail } from './plan';
import { execStep, readCli, resumeAll, type CudaTarget } from '../checkpoint/cuda-steps';
import { getStateCommand, parseCudaState } from '../cuda/in-container';
import { folderBytes } from '../dirs';
import { debugContext, runscWithDebug } from '../jobs/debug-logs';
import { recordFacts } from '../jobs/facts';
import type { RootContext } from '../runsc/argv';

/** The recorded processes the restored sandbox holds checkpointed; all of them where the CLI cannot tell. */
async function checkpointedOnly(ctx: JobContext, t: CudaTarget, processes: { pid: number; command: string }[], getState: boolean, byGvisor: boolean) {
  if (!getState) return processes;
  const out: { pid: number; command: string }[] = [];
  for (const p of processes) {
    const r = await execStep(ctx, t, 'cuda-state', `Get the CUDA state of ${p.pid} (${p.command})`, getStateCommand(t.path, p.pid), true);
    const state = r.exitCode === 0 ? parseCudaState(r.stdout) : null;
    if (state === 'checkpointed') out.push(p);
    // gVisor gave it back itself: the expected end.
    else if (byGvisor && state === 'running') continue;
    else if (byGvisor) ctx.warn(`${p.pid} (${p.command}) was recorded before the checkpoint but is ${state ?? 'not a CUDA process any more'} after the restore: gVisor skipped or lost its GPU state.`);
    else ctx.warn(`${p.pid} (${p.command}) is ${state ?? 'not a CUDA process any more'} after the restore, not checkpointed: left as it is.`);
  }
  return out;
}

async function showCudaStates(ctx: JobContext, t: CudaTarget, processes: { pid: number; command: string }[]): Promise<string> {
  const parts: string[] = [];
  for (const p of processes) {
    const r = await execStep(ctx, t, 'cuda-state', `Get the CUDA state of ${p.pid} (${p.command})`, getStateCommand(t.path, p.pid), true);
    const state = r.exitCode === 0 ? parseCudaState(r.stdout) : null;
    parts.push(`${p.pid} ${state ?? 'state unknown (no --get-state)'}`);
  }
  return parts.join(', ');
}

const RESTORE_TIMEOUT_MS = 120_000;
const DELETE_TIMEOUT_MS = 30_000;

/**
 * In place: runsc keeps a stopped container's state under its id, and restore refuses
 * an id that exists. Asked again right before, so a container started meanwhile is
 * never deleted; a plain `runsc delete` (no --force) refuses a running one anyway.
 */
async function deleteStopped(ctx: JobContext, client: RunscClient, plan: RestorePlanDetail, id: string): Promise<void> {
  const root = plan.root!;
  await ctx.step('delete', `Delete what is left of the stopped ${id}`, async (step) => {
    const status = await stateOf(client, plan, id);
    if (status !== 'stopped') {
      throw new DeskError('INVALID_INPUT', `${id} is ${status ?? 'gone'} now, not stopped; the Desk restores in place only over a stopped container. Plan the restore again.`, { field: 'id' });
    }
    const result = await ctx.runsc(step, { host: client.host, binary: client.binary, privilege: client.privilege, args: client.argv(root.ctx, 'delete', { id, force: false }), timeoutMs: DELETE_TIMEOUT_MS });
    if (result.exitCode !== 0) throw runscStepFailure('delete', result);
    ctx.say(`Deleted the stopped ${id}; it comes back from the image under the same id.`);
  });
}

async function stateOf(client: RunscClient, plan: RestorePlanDetail, id: string): Promise<string | null> {
  try {
    const result = await client.call(plan.root!.ctx, 'state', { id });
    const state = JSON.parse(result.stdout) as { status?: unknown };
    return typeof state.status === 'string' ? state.status : null;
  } catch {
    return null;
  }
}

/**
 * runsc restores only images of its own version, and says so in many ways: "contains
 * different fields", or, for a 2024 image read by 2022, "header error: unexpected EOF",
 * which alone reads as a cut-short image. When the image's record names another
 * version than the runsc that failed, that is the diagnosis, whatever runsc's words.
 */
function versionMismatchFailure(failure: JobFailure, madeBy: string | null | undefined, using: string): JobFailure {
  if (!madeBy || madeBy === using) return failure;
  const evidence = failure.diagnosis?.evidence ?? stderrCause(String((failure.error.details as { stderr?: unknown } | undefined)?.stderr ?? '')) ?? '';
  const diagnosis = {
    title: 'A different runsc made this image',
    evidence,
    fix: `runsc ${madeBy} made this image and runsc ${using} restored it; runsc restores only images of its own version. Restore with runsc ${madeBy} (the Desk picks it when it is installed).`,
  };
  const error = new DeskError(failure.error.code, `runsc restore failed: ${evidence} — ${diagnosis.title}. ${diagnosis.fix}`, { ...failure.error.details, diagnosis });
  return new JobFailure(error, diagnosis);
}

export function restoreWork(client: RunscClient, plan: RestorePlanDetail) {
  return async (ctx: JobContext): Promise<void> => {
    const facts: { pending: Promise<unknown> } = { pending: Promise.resolve() };
    try {
      await restore(ctx, client, plan, facts);
    } finally {
      // Read beside runsc; the job ends with them, whatever its outcome.
      await facts.pending;
    }
  };
}

async function restore(ctx: JobContext, client: RunscClient, plan: RestorePlanDetail, facts: { pending: Promise<unknown> }): Promise<void> {
  const root = plan.root!;
  const { id } = plan.resolved;
  ctx.update({ imagePath: plan.resolved.imagePath, ...(plan.request ? { request: { ...plan.request } } : {}) });
  let runscCtx: RootContext = root.ctx;
  await ctx.step('preflight', 'Check the plan', async () => {
    for (const d of plan.defaults) ctx.say(`The ${d.field} comes from ${d.from}.`);
    for (const warning of plan.warnings) ctx.warn(warning);
    const { imagePath, bundle } = plan.resolved;
    // What the job ran with is read beside runsc, not before it: nothing in it decides whether runsc runs.
    facts.pending = folderBytes(client.host, imagePath)
      .catch(() => null)
      .then((imageBytes) => recordFacts(ctx, client, { globalFlags: root.ctx.globalFlags, bundle, diskPath: imagePath, imageBytes }))
      .catch(() => {});
    runscCtx = await debugContext(ctx, client, root.ctx, plan.request?.debug);
  });
  if (plan.replaces) await deleteStopped(ctx, client, plan, plan.replaces);
  await ctx.step('runsc', `Restore ${id} from ${plan.resolved.imagePath}`, async (step) => {
    const result = await runscWithDebug(ctx, step, runscCtx, (rc) => ({
      host: client.host,
      binary: client.binary,
      privilege: client.privilege,
      args: client.argv(rc, 'restore', plan.restoreOptions),
      outputFile: join(ctx.folder, 'container-stdio.log'),
      timeoutMs: RESTORE_TIMEOUT_MS,
    }));
    if (result.exitCode !== 0) throw versionMismatchFailure(runscStepFailure('restore', result), plan.madeBy, client.caps.version);
  });
  await ctx.step('wait', `Wait until ${id} runs`, async () => {
    const state = await waitUntilRunning(client, root.ctx, id, ctx.signal);
    ctx.note(`${id} runs in ${root.profile.path} (PID ${state.pid ?? '?'}). Its output goes to ${join(ctx.folder, 'container-stdio.log')}.`);
  });
  if (plan.cudaResume) {
    // A restored process keeps its pid inside the sandbox; its GPU state waits to be toggled back.
    // Only the ones --get-state calls checkpointed: a toggle on a running one would suspend it.
    const target = { client, ctx: root.ctx, id, path: plan.cudaResume.path };
    const cli = await readCli(ctx, target);
    const byGvisor = plan.cudaResume.by === 'gvisor';
    // gVisor toggled its captures back itself: without --get-state there is nothing to recheck.
    const waiting = byGvisor && !cli?.getState ? [] : await checkpointedOnly(ctx, target, plan.cudaResume.processes, Boolean(cli?.getState), byGvisor);
    const { done, failure } = await resumeAll(ctx, target, waiting, cli, true);
    if (failure) throw failure;
    ctx.update({
      cuda: byGvisor
        ? { outcome: 'captured-by-gvisor', processes: plan.cudaResume.processes }
        : { outcome: 'captured', processes: plan.cudaResume.processes.filter((p) => done.includes(p.pid)) },
    });
    if (byGvisor && done.length) ctx.warn(`gVisor left ${done.join(', ')} checkpointed after the restore: the Desk toggled them back.`);
    const states = await showCudaStates(ctx, target, plan.cudaResume.processes);
    ctx.note(`GPU state restored: ${states}.`);
  }
}
