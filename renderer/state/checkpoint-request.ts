import type { RequestInput } from '../../shared/schemas';
import { tokenizeFlags } from '../lib/extra-flags';
import type { CheckpointForm, ContainerRef } from './types';

export const EMPTY_FORM: CheckpointForm = {
  imagePath: '',
  leaveRunning: false,
  compression: '',
  direct: false,
  excludeCommittedZeroPages: false,
  extraFlags: '',
  cudaPolicy: 'auto',
  cudaPath: '',
  cudaSequential: false,
  checkpointName: '',
};

/**
 * The request the form stands for. Options left at their default are left out, so a
 * runsc that lacks an option is only told about it when someone asked for it.
 */
export function toCheckpointRequest(target: ContainerRef, form: CheckpointForm, gpu = false): RequestInput<'checkpoint'> {
  const request: RequestInput<'checkpoint'> = { root: target.root, id: target.id };
  const imagePath = form.imagePath.trim();
  if (imagePath) request.imagePath = imagePath;
  if (form.leaveRunning) request.leaveRunning = true;
  if (form.compression) request.compression = form.compression;
  if (form.direct) request.direct = true;
  if (form.excludeCommittedZeroPages) request.excludeCommittedZeroPages = true;
  // Docker's word for the image: the plan refuses it on a runsc root, at its field.
  const checkpointName = form.checkpointName.trim();
  if (checkpointName) request.checkpointName = checkpointName;
  const flags = tokenizeFlags(form.extraFlags);
  if (flags.length > 0) request.extraFlags = flags;
  // Only a GPU container's dialog has the GPU section; the others leave CUDA to the Desk.
  if (gpu) {
    const cuda: NonNullable<RequestInput<'checkpoint'>['cuda']> = { policy: form.cudaPolicy };
    const path = form.cudaPath.trim();
    if (path) cuda.pathInContainer = path;
    if (form.cudaSequential) cuda.sequential = true;
    request.cuda = cuda;
  }
  return request;
}

/**
 * The form a job's request was made from, for "Try again": the same choices, filled.
 * The image path is left to a fresh default, since the failed one holds what runsc left.
 */
export function formFromRequest(options: Record<string, unknown>): CheckpointForm {
  const cuda = (options.cuda ?? null) as { policy?: CheckpointForm['cudaPolicy']; pathInContainer?: string; sequential?: boolean } | null;
  const compression = options.compression === 'none' || options.compression === 'flate-best-speed' ? options.compression : '';
  return {
    ...EMPTY_FORM,
    leaveRunning: options.leaveRunning === true,
    compression,
    direct: options.direct === true,
    excludeCommittedZeroPages: options.excludeCommittedZeroPages === true,
    extraFlags: Array.isArray(options.extraFlags) ? options.extraFlags.filter((f) => typeof f === 'string').join(' ') : '',
    cudaPolicy: cuda?.policy ?? 'auto',
    cudaPath: cuda?.pathInContainer ?? '',
    cudaSequential: cuda?.sequential === true,
  };
}
