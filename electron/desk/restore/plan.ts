// planRestore: the restore's defaults come from the image record (same root, bundle and
// global flags, since a mismatch breaks a restore), and everything runsc would refuse
// late is refused here first.
import { join } from 'node:path';
import type { ImageSummary, RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import type { Container } from '../../../shared/model';
import type { Request } from '../../../shared/schemas';
import { exists, isDirectory } from '../dirs';
import { unknownRootMessage, type ResolvedRoot } from '../roots';
import type { SubcommandOptions } from '../runsc/argv';
import { describeFlags, hasFlag, splitFlag, subcommandFlags } from '../runsc/capabilities';
import type { RunscClient } from '../runsc/client';
import { extraFlagProblem } from '../runsc/extra-flags';
import { privilegedArgv } from '../runsc/spawn';
import { freeId, noFreeIdMessage, prefixClash } from '../container-ids';
import { DEFAULT_CUDA_PATH } from '../../../shared/gpu';
import { gpuInventory, inventoryChange } from '../cuda/inventory';
import { debugProblem, plannedContext } from '../jobs/debug-logs';

export type RestoreRequest = Request<'restore'>;

export interface RestoreDeps {
  client: RunscClient;
  roots: ResolvedRoot[];
  containers(root: ResolvedRoot): Promise<Container[]>;
  image(path: string): Promise<(ImageSummary & { metadata: Record<string, string> }) | null>;
}

export interface RestorePlanDetail extends RestorePlan {
  root: ResolvedRoot | null;
  restoreOptions: SubcommandOptions['restore'];
  /** A Desk-driven GPU image: the processes to toggle back once the container runs. */
  cudaResume: { path: string; processes: { pid: number; command: string }[]; by: 'desk' | 'gvisor' } | null;
  /** The request as sent: the job keeps it for "Run again", and reads `debug` from it. */
  request?: RestoreRequest;
  /** The runsc version that made the image, when known: a failure under another is explained by it. */
  madeBy?: string | null;
}

export async function planRestore(deps: RestoreDeps, request: RestoreRequest): Promise<RestorePlanDetail> {
  const caps = deps.client.caps;
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const defaults: RestorePlan['defaults'] = [];
  const problem = (code: Problem['code'], field: string, message: string) => problems.push({ code, field, message });

  const { host } = deps.client;
  const image = (await isDirectory(host, request.imagePath)) ? await deps.image(request.imagePath) : null;
  const record = image?.record ?? null;
  if (!image) problem('NOT_FOUND', 'imagePath', `${request.imagePath} is not an image folder.`);
  else if (image.state !== 'complete') problem('INVALID_INPUT', 'imagePath', `This image is ${image.state}: ${image.reason}. Only a complete image can be restored.`);

  const rootPath = request.root ?? record?.root ?? '';
  if (!request.root && record) defaults.push({ field: 'root', from: 'the image record' });
  const root = deps.roots.find((r) => r.profile.path === rootPath) ?? null;
  if (!rootPath) problem('INVALID_INPUT', 'root', 'Pick the root to restore into: this image has no record naming one.');
  else if (!root) problem('NOT_FOUND', 'root', unknownRootMessage(rootPath));

  const bundle = request.bundle ?? record?.bundle ?? '';
  if (!request.bundle && record) defaults.push({ field: 'bundle', from: 'the image record' });
  if (!bundle) problem('INVALID_INPUT', 'bundle', 'Pick the bundle to restore with: this image has no record naming one.');
  else if (!(await exists(host, join(bundle, 'config.json')))) problem('NOT_FOUND', 'bundle', `${bundle} has no config.json; restore needs the bundle the container ran with.`);

  const listed = root ? await deps.containers(root) : [];
  const taken = new Set(listed.map((c) => c.id));
  const stoppedIds = new Set(listed.filter((c) => c.status === 'stopped').map((c) => c.id));
  // In place: a stopped container of the same id is the one the image came from (or
  // one the person named); its leftover state is deleted first, and it comes back
  // under its own id, as cockpit-podman restores. A running one is never replaced.
  let replaces: string | null = null;
  let id = request.id ?? '';
  if (!request.id) {
    const base = record?.containerId ?? image?.containerId ?? 'restored';
    const others = new Set([...taken].filter((t) => t !== base));
    if (stoppedIds.has(base) && !prefixClash(base, others)) {
      id = base;
      replaces = base;
      defaults.push({ field: 'id', from: `the image's container id: the stopped ${base} is restored in place` });
    } else {
      const baseFree = !taken.has(base) && !prefixClash(base, taken);
      const free = baseFree ? base : freeId(`restored-${base}`, taken);
      if (free === null) problem('INVALID_INPUT', 'id', noFreeIdMessage(`restored-${base}`, taken));
      id = free ?? '';
      defaults.push({ field: 'id', from: baseFree ? `the image's container id` : `the image's container id, which is taken in this root` });
    }
  } else if (stoppedIds.has(id)) {
    const others = new Set([...taken].filter((t) => t !== id));
    const clash = prefixClash(id, others);
    if (clash) problem('INVALID_INPUT', 'id', `"${id}" and the existing "${clash}" start alike; runsc matches ids by prefix and could not tell them apart. Pick another id.`);
    else replaces = id;
  } else if (taken.has(id)) {
    problem('INVALID_INPUT', 'id', `A container "${id}" already exists in ${rootPath} and is not stopped. runsc would refuse it only after loading the image; pick another id.`);
  } else {
    const clash = prefixClash(id, taken);
    if (clash) problem('INVALID_INPUT', 'id', `"${id}" and the existing "${clash}" start alike; runsc matches ids by prefix and could not tell them apart. Pick another id.`);
  }

  for (const [key, flag, label] of [['direct', 'direct', 'Direct I/O'], ['background', 'background', 'Background restore']] as const) {
    if (request[key] && !hasFlag(caps, 'restore', flag)) {
      problem('UNSUPPORTED_OPTION', key, `${label} (--${flag}) is not in runsc ${caps.version}. Its restore supports ${describeFlags(subcommandFlags(caps, 'restore'))}.`);
    }
  }
  const compression = image?.metadata.compression ?? image?.compression ?? null;
  if (request.background && compression !== 'none') {
    problem('INVALID_INPUT', 'background', `Background restore needs an uncompressed image; this one is ${compression ?? 'compressed'}.`);
  }
  (request.extraFlags ?? []).forEach((flag, i) => {
    const p = extraFlagProblem(caps, 'restore', flag, i);
    if (p) problems.push(p);
  });

  if (record?.cuda?.outcome === 'captured') {
    warnings.push(`This image holds GPU state the Desk captured: after the restore it toggles ${record.cuda.processes?.map((p) => p.pid).join(', ')} back inside the container.`);
  } else if (record?.cuda?.outcome === 'not-captured') {
    warnings.push(`GPU state not captured in this image (${record.cuda.note ?? 'best-effort'}): the restored process may crash on its first CUDA call.`);
  }
  const savedOn = record?.cuda?.host;
  if (savedOn && (record.cuda!.outcome === 'captured' || record.cuda!.outcome === 'captured-by-gvisor')) {
    const change = inventoryChange(savedOn, await gpuInventory(host));
    if (change) warnings.push(change);
  }

  // A runsc version other than the image's is refused, or warned of, by restore/runsc-pick.ts.
  if (root) {
    const network = flagValue(root.ctx.globalFlags, 'network') ?? 'sandbox';
    const imageNetwork = image?.metadata.network ?? (record ? flagValue(record.globalFlags, 'network') ?? 'sandbox' : null);
    if (imageNetwork && imageNetwork !== network) {
      warnings.push(`The image was made with --network=${imageNetwork}; this root restores with --network=${network}. Current runsc refuses that ("checkpoint created with ${imageNetwork} networking cannot be restored with ${network} networking").`);
    }
    if (record && record.globalFlags.join(' ') !== root.ctx.globalFlags.join(' ')) {
      warnings.push(`The image was made with the global flags "${record.globalFlags.join(' ')}"; this root passes "${root.ctx.globalFlags.join(' ')}". A mismatch can break the restore.`);
    }
  }

  const restoreOptions: SubcommandOptions['restore'] = {
    id: id || 'restored',
    bundle,
    imagePath: request.imagePath,
    detach: true,
    direct: request.direct,
    background: request.background,
    extraFlags: request.extraFlags,
  };
  const debug = debugProblem(caps, request.debug);
  if (debug) problems.push(debug);
  const buildable = root && !problems.some((p) => p.code === 'UNSUPPORTED_OPTION' || p.field.startsWith('extraFlags'));
  const argv = buildable ? privilegedArgv(deps.client.privilege, deps.client.binary, deps.client.argv(plannedContext(root.ctx, request.debug, debug), 'restore', restoreOptions)) : [];
  return {
    argv,
    problems,
    warnings,
    resolved: { imagePath: request.imagePath, root: rootPath, id, bundle },
    defaults,
    replaces,
    root,
    restoreOptions,
    request,
    madeBy: image?.runscVersion ?? null,
    // gVisor toggles its own captures back during restore, but skips a process whose
    // --get-state failed and may report running before its toggle back: the Desk rechecks
    // the recorded processes and gives back any still checkpointed.
    cudaResume:
      (record?.cuda?.outcome === 'captured' || record?.cuda?.outcome === 'captured-by-gvisor') && record.cuda.processes?.length
        ? { path: record.cuda.pathInContainer ?? DEFAULT_CUDA_PATH, processes: record.cuda.processes, by: record.cuda.outcome === 'captured' ? 'desk' : 'gvisor' }
        : null,
  };
}

function flagValue(flags: string[], name: string): string | undefined {
  for (const flag of flags) {
    const parsed = splitFlag(flag);
    if (parsed.name === name) return parsed.value ?? 'true';
  }
  return undefined;
}
