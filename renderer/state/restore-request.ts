import type { RequestInput } from '../../shared/schemas';
import { tokenizeFlags } from '../lib/extra-flags';
import type { RestoreForm } from './types';

export const EMPTY_RESTORE_FORM: RestoreForm = {
  root: '',
  id: '',
  bundle: '',
  direct: false,
  background: false,
  extraFlags: '',
  runsc: '',
  allowVersionMismatch: false,
};

/**
 * The request the form stands for. An empty field is left out, so the service fills
 * it from the image record and the plan says so ("from the image record").
 */
export function toRestoreRequest(imagePath: string, form: RestoreForm): RequestInput<'restore'> {
  const request: RequestInput<'restore'> = { imagePath };
  if (form.root) request.root = form.root;
  const id = form.id.trim();
  if (id) request.id = id;
  const bundle = form.bundle.trim();
  if (bundle) request.bundle = bundle;
  if (form.direct) request.direct = true;
  if (form.background) request.background = true;
  const flags = tokenizeFlags(form.extraFlags);
  if (flags.length > 0) request.extraFlags = flags;
  if (form.runsc) request.runsc = form.runsc;
  if (form.allowVersionMismatch) request.allowVersionMismatch = true;
  return request;
}
