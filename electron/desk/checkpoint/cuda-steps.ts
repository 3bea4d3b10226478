// The Desk driving cuda-checkpoint inside the container (runsc with nvproxy but without
// --cuda-checkpoint-path). Every cuda-checkpoint call is a step of the job, with its
// exact argv, output and exit code. Toggles are never killed: cancel waits for them.
import { DeskError } from '../../../shared/errors';
import type { CudaProcess } from '../../../shared/gpu';
import { hasGetState, parseCudaHelp } from '../cuda/help';
import { findCudaCommand, getStateCommand, helpCommand, parseCudaProcesses, parseCudaState, toggleCommand } from '../cuda/in-container';
import { JobFailure, runscStepFailure, type JobContext } from '../jobs/runner';
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { diagnose } from '../runsc/diagnose';

export interface CudaTarget {
  client: RunscClient;
  ctx: RootContext;
  id: string;
  path: string;
}

/** One command inside the container, as a step of the job; never interrupted. */
export async function execStep(job: JobContext, t: CudaTarget, name: string, title: string, command: string[]) {
  return job.step(name, title, async (step) => {
    const result = await job.runsc(step, {
      host: t.client.host,
      binary: t.client.binary,
      privilege: t.client.privilege,
      args: t.client.argv(t.ctx, 'exec', { id: t.id, command }),
      uninterruptible: true,
    });
    return result;
  });
}

/** Processes holding /dev/nvidia*, kept only if --get-state (where the CLI has it) knows them. */
export async function findCudaProcesses(job: JobContext, t: CudaTarget): Promise<CudaProcess[]> {
  const found = await execStep(job, t, 'cuda-find', 'Find processes holding NVIDIA devices', findCudaCommand());
  if (found.exitCode !== 0) throw runscStepFailure('exec (finding CUDA processes)', found);
  const candidates = parseCudaProcesses(found.stdout);
  if (candidates.length === 0) return [];
  const help = await execStep(job, t, 'cuda-help', 'Read the cuda-checkpoint CLI in the container', helpCommand(t.path));
  const level = parseCudaHelp(`${help.stdout}\n${help.stderr}`)?.cliLevel ?? null;
  if (!hasGetState(level)) {
    job.say(`cuda-checkpoint is ${level ?? 'of an unknown level'}: no --get-state, every process holding a device is toggled.`);
    return candidates.map((c) => ({ ...c, state: null }));
  }
  const out: CudaProcess[] = [];
  for (const c of candidates) {
    const r = await execStep(job, t, 'cuda-state', `Get the CUDA state of ${c.pid} (${c.command})`, getStateCommand(t.path, c.pid));
    const state = r.exitCode === 0 ? parseCudaState(r.stdout) : null;
    if (state) out.push({ ...c, state });
    else job.say(`${c.pid} (${c.command}) holds a device but is not a CUDA process cuda-checkpoint can manage; left alone.`);
  }
  return out;
}

/** Toggles each process; stops at the first failure (and at a cancel, between toggles). */
export async function toggleAll(
  job: JobContext,
  t: CudaTarget,
  processes: { pid: number; command: string }[],
  sequential: boolean,
  verb: string,
): Promise<{ toggled: number[]; failure: JobFailure | null }> {
  const toggled: number[] = [];
  let failure: JobFailure | null = null;
  const one = async (p: { pid: number; command: string }) => {
    if (failure || job.signal.aborted) return;
    const r = await execStep(job, t, 'cuda-toggle', `${verb} ${p.pid} (${p.command})`, toggleCommand(t.path, p.pid));
    if (r.exitCode === 0) toggled.push(p.pid);
    else failure ??= cudaFailure(r, p.pid);
  };
  if (sequential) for (const p of processes) await one(p);
  else await Promise.all(processes.map(one));
  if (!failure && job.signal.aborted) failure = new JobFailure(new DeskError('RUNSC_FAILED', 'Cancelled between CUDA toggles.'));
  return { toggled, failure };
}

/** Undo: toggle back every process that was toggled, whatever else failed. */
export async function rollback(job: JobContext, t: CudaTarget, toggled: number[], processes: { pid: number; command: string }[]): Promise<void> {
  for (const pid of toggled) {
    const p = processes.find((x) => x.pid === pid) ?? { pid, command: '?' };
    const r = await execStep(job, t, 'cuda-rollback', `Toggle ${pid} (${p.command}) back`, toggleCommand(t.path, pid));
    if (r.exitCode !== 0) job.warn(`Could not toggle ${pid} back: ${lastLine(r.stderr) ?? `exit ${r.exitCode}`}. The process may need a restart.`);
  }
}

function cudaFailure(result: { stderr: string; stdout: string; exitCode: number | null; argv: string[]; signal: string | null }, pid: number): JobFailure {
  const line = lastLine(`${result.stdout}\n${result.stderr}`) ?? `exit ${result.exitCode}`;
  const diagnosis = diagnose(line) ?? null;
  return new JobFailure(
    new DeskError('RUNSC_FAILED', `cuda-checkpoint failed on ${pid}: ${line}${diagnosis ? ` — ${diagnosis.title}. ${diagnosis.fix}` : ''}`, {
      argv: result.argv,
      exitCode: result.exitCode,
      signal: result.signal,
      stderr: result.stderr,
      diagnosis: diagnosis ?? undefined,
    }),
    diagnosis,
  );
}

function lastLine(text: string): string | null {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? null;
}
