// The Desk driving cuda-checkpoint inside the container (runsc with nvproxy but without
// --cuda-checkpoint-path, experimental), and the read-only scans every GPU checkpoint
// uses. Every call is a step of the job, with its exact argv, output and exit code.
//
// The sequence follows gVisor's own (pkg/sentry/control, checkpointCudaProcs):
// lock every process in parallel with `--action lock --timeout 30000` (a lock that times
// out leaves the process running; NCCL peers only quiesce when all lock together), then
// `--action checkpoint`; undo is restore then unlock. A driver whose help has no
// --action/--timeout gets --toggle. Only processes in state `running` are suspended:
// toggling a `checkpointed` one would resume it.
import { DeskError } from '../../../shared/errors';
import type { CudaProcess } from '../../../shared/gpu';
import { cudaExecArgv, CUDA_QUERY_TIMEOUT_MS } from '../cuda/exec';
import { parseCudaHelp, type CudaCli } from '../cuda/help';
import { actionCommand, findCudaCommand, getStateCommand, helpCommand, lastLine, parseCudaProcesses, parseCudaState, toggleCommand } from '../cuda/in-container';
import { JobFailure, runscStepFailure, type JobContext } from '../jobs/runner';
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { diagnose } from '../runsc/diagnose';

/** gVisor's cudaLockTimeoutMS: generous, so coupled ranks can quiesce together. */
export const LOCK_TIMEOUT_MS = 30_000;

export interface CudaTarget {
  client: RunscClient;
  ctx: RootContext;
  id: string;
  path: string;
}

type Proc = { pid: number; command: string };

/**
 * One command inside the container, as root (--user=0:0), as a step of the job.
 * Suspend and resume calls are never interrupted (a killed cuda-checkpoint can leave the
 * driver out of sync); scans and queries have a timeout and follow cancel.
 */
export async function execStep(job: JobContext, t: CudaTarget, name: string, title: string, command: string[], query = false) {
  return job.step(name, title, async (step) =>
    job.runsc(step, {
      host: t.client.host,
      binary: t.client.binary,
      privilege: t.client.privilege,
      args: cudaExecArgv(t.client, t.ctx, t.id, command),
      ...(query ? { timeoutMs: CUDA_QUERY_TIMEOUT_MS } : { uninterruptible: true }),
    }),
  );
}

/** The in-container binary's CLI, from its --help (null when it does not answer). */
export async function readCli(job: JobContext, t: CudaTarget): Promise<CudaCli | null> {
  const help = await execStep(job, t, 'cuda-help', 'Read the cuda-checkpoint CLI in the container', helpCommand(t.path), true);
  return parseCudaHelp(`${help.stdout}\n${help.stderr}`)?.cli ?? null;
}

/** Read-only: every process holding /dev/nvidia*, with whether it has a CUDA thread. */
export async function scanDeviceHolders(job: JobContext, t: CudaTarget) {
  const found = await execStep(job, t, 'cuda-find', 'Find processes holding NVIDIA devices', findCudaCommand(), true);
  if (found.exitCode !== 0) throw runscStepFailure('exec (finding CUDA processes)', found);
  return parseCudaProcesses(found.stdout);
}

export interface CudaScan {
  /** In state running (or, without --get-state, with a CUDA thread): the ones to suspend. */
  running: CudaProcess[];
  /** CUDA processes in another state: reported, never toggled. */
  others: CudaProcess[];
}

/** The CUDA processes by gVisor's filters: --get-state where the CLI has it, else the thread name. */
export async function findCudaProcesses(job: JobContext, t: CudaTarget, cli: CudaCli | null): Promise<CudaScan> {
  const holders = await scanDeviceHolders(job, t);
  const running: CudaProcess[] = [];
  const others: CudaProcess[] = [];
  for (const h of holders) {
    const p = { pid: h.pid, command: h.command };
    if (!cli?.getState) {
      if (h.cudaThread) running.push({ ...p, state: null });
      else job.say(`${h.pid} (${h.command}) holds an NVIDIA device but has no CUDA thread (an NVML-only process such as nvidia-smi); left alone.`);
      continue;
    }
    const r = await execStep(job, t, 'cuda-state', `Get the CUDA state of ${h.pid} (${h.command})`, getStateCommand(t.path, h.pid), true);
    const state = r.exitCode === 0 ? parseCudaState(r.stdout) : null;
    if (state === 'running') running.push({ ...p, state });
    else if (state) {
      others.push({ ...p, state });
      job.warn(`${h.pid} (${h.command}) is ${state}, not running: the Desk does not toggle it (a toggle would resume a checkpointed process).`);
    } else job.say(`${h.pid} (${h.command}) holds an NVIDIA device but is not a CUDA process cuda-checkpoint can manage; left alone.`);
  }
  return { running, others };
}

interface Outcome {
  done: number[];
  failure: JobFailure | null;
}

/** Runs one command per process, in parallel or one at a time; stops starting new ones after a failure or a cancel. */
async function each(job: JobContext, t: CudaTarget, processes: Proc[], parallel: boolean, name: string, title: (p: Proc) => string, command: (p: Proc) => string[]): Promise<Outcome> {
  const done: number[] = [];
  let failure: JobFailure | null = null;
  const one = async (p: Proc) => {
    if (!parallel && (failure || job.signal.aborted)) return;
    const r = await execStep(job, t, name, title(p), command(p));
    if (r.exitCode === 0) done.push(p.pid);
    else failure ??= cudaFailure(r, p.pid);
  };
  if (parallel) await Promise.all(processes.map(one));
  else for (const p of processes) await one(p);
  return { done, failure };
}

/** Suspends each process's GPU state; on failure, undoes what it did and reports the first failure. */
export async function suspendAll(job: JobContext, t: CudaTarget, processes: Proc[], cli: CudaCli | null, sequential: boolean): Promise<Outcome> {
  const pick = (pids: number[]) => processes.filter((p) => pids.includes(p.pid));
  if (!(cli?.action && cli.timeout)) {
    const r = await each(job, t, processes, !sequential, 'cuda-toggle', (p) => `Checkpoint the GPU state of ${p.pid} (${p.command})`, (p) => toggleCommand(t.path, p.pid));
    if (r.failure || job.signal.aborted) {
      await resumeAll(job, t, pick(r.done), cli, sequential, 'cuda-rollback');
      return { done: [], failure: r.failure ?? cancelled() };
    }
    return r;
  }
  // Phase 1: lock all at once, bounded by --timeout.
  const locked = await each(job, t, processes, true, 'cuda-lock', (p) => `Lock ${p.pid} (${p.command}), at most ${LOCK_TIMEOUT_MS / 1000} s`, (p) => actionCommand(t.path, p.pid, 'lock', LOCK_TIMEOUT_MS));
  if (locked.failure || job.signal.aborted) {
    await each(job, t, pick(locked.done), true, 'cuda-rollback', (p) => `Unlock ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'unlock'));
    return { done: [], failure: locked.failure ?? cancelled() };
  }
  // Phase 2: checkpoint the locked ones.
  const saved = await each(job, t, processes, !sequential, 'cuda-checkpoint', (p) => `Checkpoint the GPU state of ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'checkpoint'));
  if (saved.failure || job.signal.aborted) {
    await each(job, t, pick(saved.done), !sequential, 'cuda-rollback', (p) => `Restore the GPU state of ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'restore'));
    await each(job, t, processes, true, 'cuda-rollback', (p) => `Unlock ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'unlock'));
    return { done: [], failure: saved.failure ?? cancelled() };
  }
  return saved;
}

/** Gives each process its GPU state back: restore then unlock, or --toggle. Failures are warnings. */
export async function resumeAll(job: JobContext, t: CudaTarget, processes: Proc[], cli: CudaCli | null, sequential: boolean, name = 'cuda-resume'): Promise<Outcome> {
  if (!cli?.action) {
    const r = await each(job, t, processes, !sequential, name, (p) => `Toggle ${p.pid} (${p.command}) back`, (p) => toggleCommand(t.path, p.pid));
    warnFailures(job, processes, r.done);
    return r;
  }
  const restored = await each(job, t, processes, !sequential, name, (p) => `Restore the GPU state of ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'restore'));
  const back = processes.filter((p) => restored.done.includes(p.pid));
  const unlocked = await each(job, t, back, true, name, (p) => `Unlock ${p.pid} (${p.command})`, (p) => actionCommand(t.path, p.pid, 'unlock'));
  warnFailures(job, processes, unlocked.done);
  return { done: unlocked.done, failure: restored.failure ?? unlocked.failure };
}

function warnFailures(job: JobContext, processes: Proc[], done: number[]) {
  for (const p of processes.filter((x) => !done.includes(x.pid))) {
    job.warn(`Could not give ${p.pid} (${p.command}) its GPU state back; the process may need a restart.`);
  }
}

/** After a failed save the processes stay suspended in a running container: find the checkpointed ones and resume them. */
export async function resumeCheckpointed(job: JobContext, t: CudaTarget, cli: CudaCli | null, sequential: boolean): Promise<number[]> {
  if (!cli?.getState) {
    job.warn('cuda-checkpoint here has no --get-state: the Desk cannot tell which CUDA processes are still checkpointed. Check them before using the container.');
    return [];
  }
  const holders = await scanDeviceHolders(job, t);
  const checkpointed: Proc[] = [];
  for (const h of holders) {
    const r = await execStep(job, t, 'cuda-state', `Get the CUDA state of ${h.pid} (${h.command})`, getStateCommand(t.path, h.pid), true);
    if (r.exitCode === 0 && parseCudaState(r.stdout) === 'checkpointed') checkpointed.push({ pid: h.pid, command: h.command });
  }
  if (checkpointed.length === 0) return [];
  const back = await resumeAll(job, t, checkpointed, cli, sequential);
  if (back.done.length > 0) job.warn(`The save failed with ${back.done.join(', ')} still checkpointed inside the running container; the Desk gave them their GPU state back.`);
  return back.done;
}

function cancelled(): JobFailure {
  return new JobFailure(new DeskError('RUNSC_FAILED', 'Cancelled between CUDA steps; the processes that were suspended were given their GPU state back.'));
}

function cudaFailure(result: { stderr: string; stdout: string; exitCode: number | null; argv: string[]; signal: string | null }, pid: number): JobFailure {
  const line = lastLine(`${result.stdout}\n${result.stderr}`) ?? `exit ${result.exitCode}`;
  const found = diagnose(line) ?? null;
  // The Desk already ran it inside the sandbox, as root: say what is left to check.
  const diagnosis = found && /could not reach the process/.test(found.title)
    ? { ...found, fix: 'The Desk ran cuda-checkpoint inside the sandbox as root; the driver refused the process. Check that the container sees the GPU (nvidia-smi inside it) and that the process is a CUDA process in state running.' }
    : found;
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
