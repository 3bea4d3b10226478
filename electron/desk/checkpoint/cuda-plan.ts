// What a checkpoint does with CUDA, decided before anything runs: by the policy, the
// runsc generation, and whether the container is a GPU container at all.
//
// Facts this rests on (google/gvisor unless named):
// - pkg/sentry/state/state.go, SaveOpts.Save: a save error goes to the callback and the
//   kernel is resumed only for a save-resume; without --leave-running runsc then tears
//   the sandbox down. A save fails whenever a process holds live nvproxy state ("can't
//   save with live nvproxy clients", "nvproxy.frontendFD is not saveable" before
//   release-20260706.0). So a GPU container is always saved with --leave-running, and
//   stopped afterwards when the person did not ask to keep it.
// - Open-source nvproxy save/restore arrived in release-20260706.0; --cuda-checkpoint-path
//   came in 20260608 and --cuda-checkpoint-sequential in 20260615 (issue 18).
import { DEFAULT_CUDA_PATH, type CudaPolicy, type GpuGeneration } from '../../../shared/gpu';
import type { Problem } from '../../../shared/jobs';
import type { Capabilities, Container } from '../../../shared/model';
import { gpuGeneration } from '../cuda/host';
import type { CudaBinaryCheck } from '../cuda/in-container';
import { hasFlag } from '../runsc/capabilities';
import { buildDate, resumesInPlace } from './generation';

/** The first runsc whose nvproxy can save and restore GPU state. */
export const NVPROXY_SAVE_SINCE = 20260706;
export const RECOMMENDED_RUNSC = 'release-20260706.0';

export interface CudaPlan {
  /** gvisor: pass the flags; desk: the job toggles inside the container; skip: touch nothing. */
  mode: 'gvisor' | 'desk' | 'skip';
  policy: CudaPolicy;
  generation: GpuGeneration;
  pathInContainer: string;
  sequential: boolean;
  gpuContainer: boolean;
  /** Set when the plan already knows the GPU state will not be captured. */
  notCaptured: string | null;
  /** Save with --leave-running whatever was asked: a failed save must not destroy the sandbox. */
  forceLeaveRunning: boolean;
  /** Before the save, look (read-only) for processes holding /dev/nvidia*: off refuses, best-effort warns. */
  scanFirst: boolean;
}

export interface CudaRequest {
  policy: CudaPolicy;
  pathInContainer?: string;
  sequential?: boolean;
}

export interface CudaPlanDeps {
  isGpuContainer(container: Container): Promise<boolean>;
  binaryInContainer(container: Container, path: string): Promise<CudaBinaryCheck | boolean>;
}

export function mountHint(path: string): string {
  return `Bind-mount the host's cuda-checkpoint (its path: \`command -v cuda-checkpoint\` on the host) read-only into the bundle's config.json: {"destination": "${path}", "type": "bind", "source": "<host path of cuda-checkpoint>", "options": ["bind", "ro"]}, then restart the container.`;
}

export const DESK_MODE_EXPERIMENTAL =
  'The Desk driving cuda-checkpoint through runsc exec is experimental and has never been seen to work: this runsc refuses to save live nvproxy state ("can\'t save with live nvproxy clients", gVisor #12144 keeps frontend FDs after close), GPU-mapped memory is not saveable (#10478), a lock from inside the container can fail with CUDA_ERROR_OPERATING_SYSTEM (#12600), the Desk cannot hold back SIGSEGV for toggled processes as gVisor does, and it sees only the exec\'d container\'s processes where gVisor toggles the whole sandbox.';

function recommendation(caps: Capabilities): string {
  return `Use runsc ${RECOMMENDED_RUNSC} or newer for GPU checkpoints: open-source nvproxy save and restore arrived there (this is ${caps.version}).`;
}

export async function planCuda(
  deps: CudaPlanDeps,
  caps: Capabilities,
  container: Container | null,
  request: CudaRequest | undefined,
  problems: Problem[],
  warnings: string[],
): Promise<CudaPlan> {
  const policy = request?.policy ?? 'auto';
  const generation = gpuGeneration(caps);
  const pathInContainer = request?.pathInContainer ?? DEFAULT_CUDA_PATH;
  let sequential = Boolean(request?.sequential);
  const gpuContainer = container ? await deps.isGpuContainer(container) : false;
  // A leave-running save only protects the sandbox where runsc resumes in place (2024-04+).
  const forceLeaveRunning = gpuContainer && generation !== 'none' && resumesInPlace(caps) === true;
  const plan = (mode: CudaPlan['mode'], notCaptured: string | null, scanFirst = false): CudaPlan => ({
    mode,
    policy,
    generation,
    pathInContainer,
    sequential,
    gpuContainer,
    notCaptured,
    forceLeaveRunning,
    scanFirst: scanFirst && forceLeaveRunning,
  });
  if (!container || !gpuContainer) return plan('skip', null);
  if (generation === 'none') {
    const message = `This container asks for NVIDIA devices, but runsc ${caps.version} has no GPU support (no --nvproxy): its GPU state cannot be checkpointed. Use a runsc with GPU support.`;
    if (policy === 'auto') {
      problems.push({ code: 'UNSUPPORTED_OPTION', field: 'cuda', message: `${message} Or set CUDA to off to checkpoint without it.` });
    } else {
      warnings.push(`${message} GPU state not captured.`);
    }
    return plan('skip', 'this runsc has no GPU support');
  }
  if (forceLeaveRunning) {
    warnings.push('A GPU container is saved with --leave-running, because a failed save destroys a sandbox that runsc does not keep running; the Desk stops it afterwards unless you asked to keep it running.');
  } else {
    warnings.push(`runsc ${caps.version} cannot keep the sandbox running through a save: if the save fails on GPU state, the container is lost. ${recommendation(caps)}`);
  }
  const date = buildDate(caps);
  if (policy === 'off') {
    warnings.push('CUDA is off for this checkpoint: the GPU state is not captured. The Desk first looks for processes holding NVIDIA devices and refuses if there are any: runsc cannot save them without cuda-checkpoint.');
    return plan('skip', 'CUDA was off', true);
  }
  if (generation === 'desk') {
    if (policy === 'auto') {
      problems.push({ code: 'UNSUPPORTED_OPTION', field: 'cuda', message: `${DESK_MODE_EXPERIMENTAL} ${recommendation(caps)} To try it anyway, set CUDA to best-effort.` });
      return plan('skip', null);
    }
    warnings.push(`Experimental: ${DESK_MODE_EXPERIMENTAL} ${recommendation(caps)}`);
  } else if (date !== null && date < NVPROXY_SAVE_SINCE) {
    warnings.push(`runsc ${caps.version} toggles CUDA processes itself, but its nvproxy cannot save GPU state yet: the save is likely to fail. ${recommendation(caps)}`);
  }
  if (generation === 'gvisor' && sequential && !hasFlag(caps, 'checkpoint', 'cuda-checkpoint-sequential')) {
    warnings.push(`runsc ${caps.version} has no --cuda-checkpoint-sequential (it came in release-20260615.0): CUDA processes are toggled in parallel.`);
    sequential = false;
  }
  const found = await deps.binaryInContainer(container, pathInContainer);
  const check: CudaBinaryCheck = typeof found === 'boolean' ? { usable: found, problem: found ? null : `cuda-checkpoint is not at ${pathInContainer} inside the container.`, help: null } : found;
  if (!check.usable) {
    const message = `${check.problem} ${mountHint(pathInContainer)}`;
    if (policy === 'auto') {
      problems.push({ code: 'NOT_FOUND', field: 'cuda.pathInContainer', message });
      return plan('skip', null);
    }
    warnings.push(`${message} GPU state not captured.`);
    return plan('skip', `cuda-checkpoint cannot run at ${pathInContainer}`, true);
  }
  return plan(generation === 'gvisor' ? 'gvisor' : 'desk', null);
}
