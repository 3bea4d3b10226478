// The restore job: always detached, the container's stdio going to a file in the job
// folder (a piped detached restore never returns), then wait until it runs.
import { join } from 'node:path';
import { waitUntilRunning } from '../checkpoint/wait-running';
import { runscStepFailure, type JobContext } from '../jobs/runner';
import type { RunscClient } from '../runsc/client';
import type { RestorePlanDetail } from './plan';
import { execStep, toggleAll, type CudaTarget } from '../checkpoint/cuda-steps';
import { getStateCommand, parseCudaState } from '../cuda/in-container';

async function showCudaStates(ctx: JobContext, t: CudaTarget, processes: { pid: number; command: string }[]): Promise<string> {
  const parts: string[] = [];
  for (const p of processes) {
    const r = await execStep(ctx, t, 'cuda-state', `Get the CUDA state of ${p.pid} (${p.command})`, getStateCommand(t.path, p.pid));
    const state = r.exitCode === 0 ? parseCudaState(r.stdout) : null;
    parts.push(`${p.pid} ${state ?? 'state unknown (no --get-state)'}`);
  }
  return parts.join(', ');
}

const RESTORE_TIMEOUT_MS = 120_000;

export function restoreWork(client: RunscClient, plan: RestorePlanDetail) {
  return async (ctx: JobContext): Promise<void> => {
    const root = plan.root!;
    const { id } = plan.resolved;
    ctx.update({ imagePath: plan.resolved.imagePath });
    await ctx.step('preflight', 'Check the plan', async () => {
      for (const d of plan.defaults) ctx.say(`The ${d.field} comes from ${d.from}.`);
      for (const warning of plan.warnings) ctx.warn(warning);
    });
    await ctx.step('runsc', `Restore ${id} from ${plan.resolved.imagePath}`, async (step) => {
      const result = await ctx.runsc(step, {
        host: client.host,
        binary: client.binary,
        privilege: client.privilege,
        args: client.argv(root.ctx, 'restore', plan.restoreOptions),
        outputFile: join(ctx.folder, 'container-stdio.log'),
        timeoutMs: RESTORE_TIMEOUT_MS,
      });
      if (result.exitCode !== 0) throw runscStepFailure('restore', result);
    });
    await ctx.step('wait', `Wait until ${id} runs`, async () => {
      const state = await waitUntilRunning(client, root.ctx, id, ctx.signal);
      ctx.note(`${id} runs in ${root.profile.path} (PID ${state.pid ?? '?'}). Its output goes to ${join(ctx.folder, 'container-stdio.log')}.`);
    });
    if (plan.cudaResume) {
      // A restored process keeps its pid inside the sandbox; its GPU state waits to be toggled back.
      const target = { client, ctx: root.ctx, id, path: plan.cudaResume.path };
      const { toggled, failure } = await toggleAll(ctx, target, plan.cudaResume.processes, true, 'Restore the GPU state of');
      if (failure) throw failure;
      ctx.update({ cuda: { outcome: 'captured', processes: plan.cudaResume.processes.filter((p) => toggled.includes(p.pid)) } });
      const states = await showCudaStates(ctx, target, plan.cudaResume.processes);
      ctx.note(`GPU state restored: ${states}.`);
    }
  };
}
