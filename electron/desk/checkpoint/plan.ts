// planCheckpoint: everything the Desk can know before runsc runs. It refuses what runsc
// would refuse (and what runsc would accept but regret), and builds the exact argv.
// It changes nothing; it only reads (the container list, the disk, /proc).
import { dirname, join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import type { CheckpointPlan, Problem } from '../../../shared/jobs';
import type { Capabilities, Container } from '../../../shared/model';
import { isInside } from '../../../shared/paths';
import type { Request } from '../../../shared/schemas';
import { freeBytes, holdsImage, isDirectory, isWritable, nearestExisting } from '../dirs';
import { totalMemoryOf, type Host } from '../host/host';
import { unknownRootMessage, type ResolvedRoot } from '../roots';
import type { RootContext, SubcommandOptions } from '../runsc/argv';
import { describeFlags, hasFlag, subcommandFlags } from '../runsc/capabilities';
import type { RunscClient } from '../runsc/client';
import { extraFlagProblem } from '../runsc/extra-flags';
import { privilegedArgv } from '../runsc/spawn';
import { resumesInPlace } from './generation';
import { chooseCompression, FREE_MARGIN, hasCompression, measuredDisk } from './speed';
import { missingFromProfile, sandboxGlobalFlags } from './sandbox-flags';
import { planCuda, type CudaPlan, type CudaPlanDeps } from './cuda-plan';
import { debugProblem, plannedContext } from '../jobs/debug-logs';

export type CheckpointRequest = Request<'checkpoint'>;

export interface PlanDeps {
  client: RunscClient;
  cuda: (root: ResolvedRoot) => CudaPlanDeps;
  roots: ResolvedRoot[];
  imagesDir: string;
  findContainer(root: ResolvedRoot, id: string): Promise<Container | null>;
  memoryBytes(root: ResolvedRoot, id: string): Promise<number | null>;
  /**
   * Whether the plan is shown (the dialog's Fastest and Smallest estimates need the
   * memory in use, asked of runsc); false for a checkpoint about to run, which needs
   * only a choice: where the folder has room for all of the host's memory, the fastest
   * one, without spawning runsc first. Default true.
   */
  estimates?: boolean;
}

/** The plan, plus what the job needs to carry it out. */
export interface CheckpointPlanDetail extends CheckpointPlan {
  root: ResolvedRoot | null;
  container: Container | null;
  /** 2022 runsc: the job checkpoints, deletes and restores instead of passing --leave-running. */
  emulateLeaveRunning: boolean;
  checkpointOptions: SubcommandOptions['checkpoint'];
  cuda: CudaPlan;
  /** Free bytes where the image goes, measured once by the plan (null or absent: unknown). */
  freeBytes?: number | null;
}

/** Typed options and the flag each needs, with the words the dialog uses. */
const TYPED: { key: keyof CheckpointRequest; flag: string; label: string }[] = [
  { key: 'leaveRunning', flag: 'leave-running', label: 'Leave running' },
  { key: 'workPath', flag: 'work-path', label: 'Work path' },
  { key: 'compression', flag: 'compression', label: 'Compression' },
  { key: 'direct', flag: 'direct', label: 'Direct I/O' },
  { key: 'excludeCommittedZeroPages', flag: 'exclude-committed-zero-pages', label: 'Exclude committed zero pages' },
];

export function defaultImagePath(imagesDir: string, id: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return join(imagesDir, id, stamp);
}

export async function planCheckpoint(deps: PlanDeps, request: CheckpointRequest): Promise<CheckpointPlanDetail> {
  const caps = deps.client.caps;
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const imagePath = request.imagePath ?? defaultImagePath(deps.imagesDir, request.id);

  const root = deps.roots.find((r) => r.profile.path === request.root) ?? null;
  if (!root) problems.push({ code: 'NOT_FOUND', field: 'root', message: unknownRootMessage(request.root) });

  problems.push(...optionProblems(caps, request));
  const debug = debugProblem(caps, request.debug);
  if (debug) problems.push(debug);

  // 2022 runsc never returns from a leave-running checkpoint while the container runs.
  const inPlace = resumesInPlace(caps);
  const emulateLeaveRunning = Boolean(request.leaveRunning) && inPlace === false;
  if (request.leaveRunning && inPlace === null) {
    warnings.push(`The Desk cannot tell from "${caps.version}" whether this runsc resumes in place after a leave-running checkpoint; older builds block until the container exits.`);
  }
  if (request.workPath) warnings.push('runsc accepts --work-path and ignores it: nothing is written there.');

  // The disk checks, the listing and the memory query are independent: ask them at once.
  // Memory is only asked when it could matter: more free space than the host has memory
  // means any container's image fits, and spares a runsc call.
  const { host } = deps.client;
  // With --compression, the memory in use also sizes the Fastest/Smallest estimates: always ask.
  const compressible = hasCompression(caps);
  // Every read below is independent of the others: they go at once, and the free space is
  // measured once (each measure walks up to the nearest existing folder).
  const free = freeBytes(host, imagePath);
  // The host's memory, not this machine's: a remote server may hold far more.
  const hostMemory = totalMemoryOf(host);
  const estimates = deps.estimates ?? true;
  const memory = root
    ? Promise.all([free, hostMemory]).then(([bytes, total]) =>
        (!compressible || !estimates || request.compression !== undefined) && roomForAll(bytes, total) ? null : deps.memoryBytes(root, request.id),
      )
    : Promise.resolve(null);
  const measured = compressible ? measuredDisk(host, imagePath) : null;
  const [pathProblems, found] = await Promise.all([
    imagePathProblems(host, imagePath, deps.roots),
    root ? deps.findContainer(root, request.id) : Promise.resolve(null),
  ]);
  problems.push(...pathProblems);

  let container: Container | null = null;
  let running: Promise<string[]> = Promise.resolve([]);
  if (root) {
    container = found;
    if (!container) {
      problems.push({ code: 'NOT_FOUND', field: 'id', message: `There is no container "${request.id}" under ${request.root}.` });
    } else if (container.status !== 'running') {
      problems.push({
        code: 'CONTAINER_NOT_RUNNING',
        field: 'id',
        message: `"${request.id}" is ${container.status}; only a running container can be checkpointed.`,
      });
    } else {
      running = containerWarnings(host, root, container, imagePath, free, memory);
    }
  }

  const speeds = compressible && container?.status === 'running'
    ? Promise.all([memory, free, measured!, hostMemory]).then(([memoryBytes, freeNow, measuredNow, total]) =>
        chooseCompression({
          requested: request.compression,
          memoryBytes,
          freeBytes: freeNow,
          measured: measuredNow,
          folder: dirname(imagePath),
          roomForAllMemory: roomForAll(freeNow, total) ? total : null,
        }),
      )
    : Promise.resolve(null);

  // The GPU plan's warnings follow the container's, whichever answers first.
  const cudaWarnings: string[] = [];
  const cudaPlan = planCuda(
    root ? deps.cuda(root) : { isGpuContainer: async () => false, binaryInContainer: async () => false },
    caps,
    container?.status === 'running' ? container : null,
    request.cuda,
    problems,
    cudaWarnings,
  );
  const [containerNotes, cuda, speed, freeNow] = await Promise.all([running, cudaPlan, speeds, free]);
  warnings.push(...containerNotes, ...cudaWarnings);
  const checkpointOptions: SubcommandOptions['checkpoint'] = {
    id: request.id,
    imagePath,
    // A GPU container always: a failed save must not destroy the sandbox (cuda-plan.ts).
    leaveRunning: (request.leaveRunning && !emulateLeaveRunning) || cuda.forceLeaveRunning ? true : undefined,
    workPath: request.workPath,
    compression: request.compression ?? speed?.chosen,
    direct: request.direct,
    excludeCommittedZeroPages: request.excludeCommittedZeroPages,
    cudaCheckpointPath: cuda.mode === 'gvisor' ? cuda.pathInContainer : undefined,
    cudaCheckpointSequential: cuda.mode === 'gvisor' && cuda.sequential ? true : undefined,
    extraFlags: request.extraFlags,
  };
  const ctx: RootContext = plannedContext(root?.ctx ?? { root: request.root, globalFlags: [] }, request.debug, debug);
  const argv = problems.some((p) => p.field.startsWith('extraFlags') || p.code === 'UNSUPPORTED_OPTION')
    ? []
    : privilegedArgv(deps.client.privilege, deps.client.binary, deps.client.argv(ctx, 'checkpoint', checkpointOptions));
  const followUps = emulateLeaveRunning && container
    ? [
        { title: 'Delete the stopped container', argv: privilegedArgv(deps.client.privilege, deps.client.binary, deps.client.argv(ctx, 'delete', { id: request.id, force: true })) },
        {
          title: 'Restore it under the same id, detached',
          argv: privilegedArgv(deps.client.privilege, deps.client.binary, deps.client.argv(ctx, 'restore', { id: request.id, bundle: container.bundle, imagePath, detach: true })),
        },
      ]
    : [];
  if (cuda.forceLeaveRunning && !request.leaveRunning && container) {
    followUps.push({ title: 'Stop the GPU container after a successful save', argv: privilegedArgv(deps.client.privilege, deps.client.binary, deps.client.argv(ctx, 'delete', { id: request.id, force: true })) });
  }
  if (emulateLeaveRunning) {
    warnings.push(`runsc ${caps.version} cannot resume in place: the Desk checkpoints, then restores the container under the same id. Its PID will change.`);
  }
  return { argv, problems, warnings, imagePath, followUps, speed, root, container, emulateLeaveRunning, checkpointOptions, cuda, freeBytes: freeNow };
}

function optionProblems(caps: Capabilities, request: CheckpointRequest): Problem[] {
  const problems: Problem[] = [];
  for (const { key, flag, label } of TYPED) {
    const value = request[key];
    if (value === undefined || value === false) continue;
    if (!hasFlag(caps, 'checkpoint', flag)) {
      problems.push({
        code: 'UNSUPPORTED_OPTION',
        field: key,
        message: `${label} (--${flag}) is not in runsc ${caps.version}. Its checkpoint supports ${describeFlags(subcommandFlags(caps, 'checkpoint'))}.`,
      });
    }
  }
  (request.extraFlags ?? []).forEach((flag, i) => {
    const problem = extraFlagProblem(caps, 'checkpoint', flag, i);
    if (problem) problems.push(problem);
  });
  return problems;
}

async function imagePathProblems(host: Host, imagePath: string, roots: ResolvedRoot[]): Promise<Problem[]> {
  const problem = (code: Problem['code'], message: string): Problem[] => [{ code, field: 'imagePath', message }];
  const insideRoot = roots.find((r) => isInside(imagePath, r.profile.path));
  if (insideRoot) return problem('INVALID_INPUT', `${imagePath} is inside the runsc root ${insideRoot.profile.path}; runsc keeps its own state there. Pick a folder outside it.`);
  // One walk up to the nearest existing folder; the checks on what it found go at once.
  const parent = await nearestExisting(host, imagePath);
  const [folder, holds, writable] = await Promise.all([
    isDirectory(host, parent),
    parent === imagePath ? holdsImage(host, imagePath) : Promise.resolve(false),
    isWritable(host, parent),
  ]);
  if (parent === imagePath) {
    if (!folder) return problem('INVALID_INPUT', `${imagePath} exists and is not a folder.`);
    if (holds) return problem('IMAGE_EXISTS', `${imagePath} already holds a checkpoint.img. runsc never overwrites an image; pick a new folder.`);
  }
  if (!folder || !writable) {
    return problem('INVALID_INPUT', `${parent} is not writable by the Desk, so ${imagePath} cannot be created there.`);
  }
  return [];
}

async function containerWarnings(host: Host, root: ResolvedRoot, container: Container, imagePath: string, freeSpace: Promise<number | null>, memoryInUse: Promise<number | null>): Promise<string[]> {
  const warnings: string[] = [];
  const [free, memory, sandboxFlags] = await Promise.all([
    freeSpace,
    memoryInUse,
    container.pid ? sandboxGlobalFlags(host, container.pid) : Promise.resolve(null),
  ]);
  if (memory !== null && free !== null && free < memory) {
    warnings.push(`Only ${mib(free)} free under ${imagePath}, and the container uses ${mib(memory)} of memory; the image may not fit.`);
  }
  if (sandboxFlags) {
    const missing = missingFromProfile(sandboxFlags, root.ctx.globalFlags);
    if (missing.length > 0) {
      warnings.push(`The sandbox was started with ${missing.join(' ')}, which the root's profile lacks. Add ${missing.length > 1 ? 'them' : 'it'} to the profile: run, checkpoint and restore must agree.`);
    }
  }
  return warnings;
}

/** The folder has room for an image of all of the host's memory, with the margin: any container's image fits. */
function roomForAll(free: number | null, hostMemory: number | null): boolean {
  return free !== null && hostMemory !== null && free >= hostMemory * FREE_MARGIN.factor + FREE_MARGIN.bytes;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The problems as the error `checkpoint` answers with: the first one's code, all of them in details. */
export function planRefusal(plan: Pick<CheckpointPlan, 'problems'>): DeskError {
  const first = plan.problems[0]!;
  const more = plan.problems.length > 1 ? ` (and ${plan.problems.length - 1} more)` : '';
  return new DeskError(first.code, `${first.message}${more}`, { field: first.field, problems: plan.problems });
}
