// A field error names the field as the person sees it ("Global flag 2"), never the
// request's schema path ("globalFlags.1").
import type { DeskErrorShape } from '../../shared/errors';

const LABELS: Record<string, string> = {
  imagePath: 'Image path',
  workPath: 'Work path',
  leaveRunning: 'Leave running',
  compression: 'Compression',
  direct: 'Direct I/O',
  excludeCommittedZeroPages: 'Exclude committed zero pages',
  background: 'Background restore',
  root: 'Root',
  id: 'Container id',
  bundle: 'Bundle',
  path: 'Path',
  runscPath: 'runsc path',
  cudaCheckpointPath: 'cuda-checkpoint path',
  sshConfigFile: 'ssh config file',
  privilege: 'Privilege',
  name: 'Name',
  target: 'Target',
  checkpointName: 'Checkpoint name',
  cuda: 'GPU state',
  'cuda.pathInContainer': 'cuda-checkpoint in the container',
};

const LISTS: Record<string, string> = { globalFlags: 'Global flag', extraFlags: 'Extra flag' };

/** "globalFlags.1" → "Global flag 2"; "imagePath" → "Image path"; unknown paths stay as they are. */
export function fieldLabel(path: string): string {
  const list = /^([A-Za-z]+)\.(\d+)$/.exec(path);
  if (list && LISTS[list[1]!]) return `${LISTS[list[1]!]} ${Number(list[2]) + 1}`;
  return LABELS[path] ?? path;
}

/** The message with its schema path (as a prefix, or after "method: ") put in the person's words. */
export function personalMessage(error: Pick<DeskErrorShape, 'message' | 'details'>): string {
  const field = error.details?.field;
  if (!field || field === '(body)') return error.message;
  const label = fieldLabel(field);
  if (label === field) return error.message;
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return error.message.replace(new RegExp(`^(?:[A-Za-z]+: )?${escaped}:? `), `${label}: `);
}
