// Words for the GPU parts: the CUDA policies and what a checkpoint did with GPU state.
import type { CudaOutcome, CudaPolicy } from '../../shared/gpu';

export const CUDA_POLICIES: readonly { policy: CudaPolicy; explain: string }[] = [
  { policy: 'auto', explain: 'Fail the checkpoint when a toggle fails, toggling the others back first.' },
  { policy: 'best-effort', explain: 'Warn and go on; the image is recorded as "GPU state not captured".' },
  { policy: 'off', explain: 'Never touch CUDA: the restored process may crash on its first CUDA call.' },
];

/** One line for an outcome; `captured` counts the processes the Desk toggled. */
export function cudaOutcomeText(cuda: CudaOutcome): string {
  switch (cuda.outcome) {
    case 'captured-by-gvisor':
      return 'Captured by gVisor (cuda-checkpoint inside the sandbox)';
    case 'captured': {
      const n = cuda.processes?.length ?? 0;
      return `Captured: the Desk toggled ${n} ${n === 1 ? 'process' : 'processes'}`;
    }
    case 'no-cuda-processes':
      return 'No CUDA processes: nothing held GPU state';
    case 'not-captured':
      return 'GPU state not captured';
    case 'off':
      return 'Off: CUDA was not touched, as asked';
  }
}
