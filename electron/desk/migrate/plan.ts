// A migration's plan, asked on both sides before anything is stopped: the source can be
// checkpointed (its own checkpoint plan), the two runsc are the same version, the
// bundle is on the target with its config.json and rootfs, the id is free there (and
// no prefix of another: runsc matches ids by prefix), and the image fits.
import { basename, dirname, isAbsolute, join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import type { MigratePlan, Problem } from '../../../shared/jobs';
import type { Request } from '../../../shared/schemas';
import { prefixClash } from '../container-ids';
import { errorCode, type Host } from '../host/host';
import type { HostServices } from '../services/host-services';

export interface MigratePlanDetail extends MigratePlan {
  request: Request<'migrate'>;
  /** Whether the source runs now (a failure then restores it in place, unless it was left running). */
  sourceRunning: boolean;
}

/** Room kept beyond the image's estimate: a record, and a margin for the estimate itself. */
const ROOM_MARGIN = 1.1;

export async function planMigrate(source: HostServices, target: HostServices, request: Request<'migrate'>): Promise<MigratePlanDetail> {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const toRoot = request.toRoot ?? request.root;
  const problem = (code: Problem['code'], field: string, message: string) => problems.push({ code, field, message });
  if (source.name === target.name) problem('INVALID_INPUT', 'toHost', `"${target.name}" is the source host itself: restore the image there instead.`);

  // The source: its own checkpoint plan says whether it can be checkpointed.
  const checkpoint = await source.checkpoint.planCheckpoint({ root: request.root, id: request.id, ...(request.leaveRunning ? { leaveRunning: true } : {}) });
  problems.push(...checkpoint.problems);
  warnings.push(...checkpoint.warnings);
  const imagePath = checkpoint.imagePath;
  let bundle: string | null = null;
  let sourceRunning = false;
  let estimatedBytes: number | null = null;
  try {
    const details = await source.containers.getContainer({ root: request.root, id: request.id });
    bundle = details.container.bundle || null;
    sourceRunning = details.container.status === 'running';
    estimatedBytes = details.memory?.usageBytes ?? null;
  } catch (error) {
    if (!problems.some((p) => p.field === 'id' || p.field === 'root')) problem(DeskError.from(error).code, 'id', DeskError.from(error).message);
  }
  const sourceRuntime = await source.runtime.current();

  // The target.
  const targetRuntime = await target.runtime.current();
  if (!targetRuntime.client) problem('RUNSC_MISSING', 'toHost', `runsc is not usable on "${target.name}": ${targetRuntime.info.error?.message ?? 'not found'}.`);
  const from = sourceRuntime.info.version;
  const to = targetRuntime.info.version;
  if (from && to && from !== to) {
    const message = `runsc differs: ${from} on "${source.name}", ${to} on "${target.name}". An image is restored by the runsc that wrote it.`;
    if (request.allowVersionMismatch) warnings.push(`${message} Restoring anyway, as asked.`);
    else problem('INVALID_INPUT', 'toHost', `${message} Install the same runsc on both, or set allowVersionMismatch.`);
  }
  let taken: string[] = [];
  try {
    const list = await target.containers.listContainers({ root: toRoot });
    if (list.roots[0]?.error) throw DeskError.from(list.roots[0].error);
    taken = list.containers.map((c) => c.id);
  } catch (error) {
    problem('NOT_FOUND', 'toRoot', `${toRoot} cannot be used on "${target.name}": ${DeskError.from(error).message}`);
  }
  if (taken.includes(request.id)) problem('INVALID_INPUT', 'id', `"${request.id}" already exists in ${toRoot} on "${target.name}": delete it there first.`);
  else if (prefixClash(request.id, taken)) {
    problem('INVALID_INPUT', 'id', `"${request.id}" and "${prefixClash(request.id, taken)}" in ${toRoot} on "${target.name}" start alike; runsc matches ids by prefix.`);
  }
  if (bundle) problems.push(...(await bundleProblems(target.host, bundle)));

  const targetImage = join(request.toImageDir ?? target.images.imagesDir, request.id, basename(imagePath));
  if (await exists(target.host, targetImage)) problem('IMAGE_EXISTS', 'toImageDir', `${targetImage} already exists on "${target.name}".`);
  const freeBytes = await freeWhere(target.host, dirname(targetImage));
  if (freeBytes !== null && estimatedBytes !== null && freeBytes < estimatedBytes * ROOM_MARGIN) {
    problem('INVALID_INPUT', 'toImageDir', `${dirname(targetImage)} on "${target.name}" has ${mib(freeBytes)} free; the image needs about ${mib(estimatedBytes)}.`);
  }
  return {
    request,
    sourceRunning,
    problems,
    warnings,
    estimatedBytes,
    source: { host: source.name, root: request.root, id: request.id, bundle, runscVersion: from, imagePath },
    target: { host: target.name, root: toRoot, id: request.id, runscVersion: to, imagePath: targetImage, freeBytes },
  };
}

/** The bundle must be on the target at the same path: config.json, and the rootfs it names. */
async function bundleProblems(host: Host, bundle: string): Promise<Problem[]> {
  const at = (message: string): Problem[] => [{ code: 'NOT_FOUND', field: 'bundle', message: `${message} on "${host.name}": copy the bundle there (same path) first.` }];
  let spec: { root?: { path?: string } };
  try {
    spec = JSON.parse(await host.readFile(join(bundle, 'config.json'))) as typeof spec;
  } catch (error) {
    return at(errorCode(error) === 'ENOENT' ? `${join(bundle, 'config.json')} is missing` : `${join(bundle, 'config.json')} cannot be read (${(error as Error).message})`);
  }
  const rootfs = spec.root?.path ? (isAbsolute(spec.root.path) ? spec.root.path : join(bundle, spec.root.path)) : join(bundle, 'rootfs');
  try {
    if ((await host.stat(rootfs)).kind !== 'dir') return at(`${rootfs} is not a folder`);
  } catch {
    return at(`the rootfs ${rootfs} is missing`);
  }
  return [];
}

async function exists(host: Host, path: string): Promise<boolean> {
  try {
    await host.stat(path, { noFollow: true });
    return true;
  } catch {
    return false;
  }
}

/** Free bytes at the nearest folder that exists. */
async function freeWhere(host: Host, path: string): Promise<number | null> {
  for (let p = path; ; p = dirname(p)) {
    if (await exists(host, p)) return host.freeBytes(p).catch(() => null);
    if (p === dirname(p)) return null;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
