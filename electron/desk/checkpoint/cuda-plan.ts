// What a checkpoint does with CUDA, decided before anything runs: by the policy, the
// runsc generation, and whether the container is a GPU container at all.
import { DEFAULT_CUDA_PATH, type CudaPolicy, type GpuGeneration } from '../../../shared/gpu';
import type { Problem } from '../../../shared/jobs';
import type { Capabilities, Container } from '../../../shared/model';
import { gpuGeneration } from '../cuda/host';

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
}

export interface CudaRequest {
  policy: CudaPolicy;
  pathInContainer?: string;
  sequential?: boolean;
}

export interface CudaPlanDeps {
  isGpuContainer(container: Container): Promise<boolean>;
  binaryInContainer(container: Container, path: string): Promise<boolean>;
}

export function mountHint(path: string): string {
  return `Bind-mount the host's cuda-checkpoint read-only into the bundle's config.json: {"destination": "${path}", "type": "bind", "source": "/usr/bin/cuda-checkpoint", "options": ["bind", "ro"]}, then restart the container.`;
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
  const base = { policy, generation, pathInContainer, sequential: Boolean(request?.sequential) };
  const gpuContainer = container ? await deps.isGpuContainer(container) : false;
  const skip = (notCaptured: string | null = null): CudaPlan => ({ ...base, mode: 'skip', gpuContainer, notCaptured });
  if (!container || !gpuContainer) return skip();
  if (policy === 'off') {
    warnings.push('CUDA is off for this checkpoint: the GPU state is not captured, and the restored process may crash on its first CUDA call.');
    return skip('CUDA was off');
  }
  if (generation === 'none') {
    const message = `This container asks for NVIDIA devices, but runsc ${caps.version} has no GPU support (no --nvproxy): its GPU state cannot be checkpointed. Use a runsc with GPU support.`;
    if (policy === 'auto') {
      problems.push({ code: 'UNSUPPORTED_OPTION', field: 'cuda', message: `${message} Or set CUDA to off to checkpoint without it.` });
    } else {
      warnings.push(`${message} GPU state not captured.`);
    }
    return skip('this runsc has no GPU support');
  }
  if (!(await deps.binaryInContainer(container, pathInContainer))) {
    const message = `cuda-checkpoint is not at ${pathInContainer} inside the container. ${mountHint(pathInContainer)}`;
    if (policy === 'auto') {
      problems.push({ code: 'NOT_FOUND', field: 'cuda.pathInContainer', message });
      return skip();
    }
    warnings.push(`${message} GPU state not captured.`);
    return skip(`cuda-checkpoint is missing at ${pathInContainer}`);
  }
  return { ...base, mode: generation === 'gvisor' ? 'gvisor' : 'desk', gpuContainer, notCaptured: null };
}
