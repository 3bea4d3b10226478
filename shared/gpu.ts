// GPU checkpoints: who drives cuda-checkpoint on this runsc, what the tool can do, and
// what happened to a container's GPU state.

/**
 * gvisor: runsc has --cuda-checkpoint-path and toggles CUDA processes itself (2026-06+).
 * desk: runsc has nvproxy but no such flag; the Desk runs cuda-checkpoint inside the container.
 * none: no GPU support at all (Debian's 2022 build).
 */
export type GpuGeneration = 'gvisor' | 'desk' | 'none';

/**
 * The newest operation its help names: R550 --toggle only; R555 --get-state, --action,
 * --timeout; R580 --device-map; R610 --launch-job. Read from the help's literal flags,
 * never from the driver number.
 */
export type CudaCliLevel = 'R550' | 'R555' | 'R580' | 'R610';

export interface CudaCheckpointInfo {
  /** The host binary, when found. */
  path: string | null;
  tried: string[];
  cliLevel: CudaCliLevel | null;
  /** From its help text ("Version 570.86.10"). */
  version: string | null;
  error: string | null;
}

export interface GpuOverview {
  generation: GpuGeneration;
  /** In a person's words, for the dialog. */
  mode: string;
  cudaCheckpoint: CudaCheckpointInfo;
  driverVersion: string | null;
}

export type CudaState = 'running' | 'locked' | 'checkpointed' | 'failed';

export interface CudaProcess {
  pid: number;
  command: string;
  /** From --get-state, where the CLI has it. */
  state: CudaState | null;
}

export type CudaPolicy = 'auto' | 'best-effort' | 'off';

export const DEFAULT_CUDA_PATH = '/usr/local/bin/cuda-checkpoint';

/** What a checkpoint did with the GPU state, kept in the job and the image record. */
export interface CudaOutcome {
  /**
   * captured-by-gvisor: runsc toggled the processes itself; captured: the Desk toggled them;
   * no-cuda-processes; not-captured (best-effort, or a GPU container on a runsc without GPU
   * support); off (the person said so).
   */
  outcome: 'captured-by-gvisor' | 'captured' | 'no-cuda-processes' | 'not-captured' | 'off';
  processes?: { pid: number; command: string }[];
  /** The path inside the container, for restore to toggle back with. */
  pathInContainer?: string;
  note?: string;
  /**
   * The host's NVIDIA driver and GPUs when the state was saved: runsc refuses a restore
   * under another driver version ("nvidia driver version changed during restore").
   */
  host?: GpuInventory;
  /** A failed save destroys a GPU sandbox without --leave-running: it was saved with it, then stopped. */
  stoppedAfterSave?: boolean;
}

/** What `nvidia-smi --query-gpu=driver_version,name` reports: one name per GPU. */
export interface GpuInventory {
  driverVersion: string;
  gpus: string[];
}
