// The Desk service: plain Node, no Electron. Both shells call it through dispatch().
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { DeskEventName, DeskEvents, DeskResults } from '../../shared/api';
import { DeskError } from '../../shared/errors';
import { CHECKPOINT_OPTIONS } from '../../shared/flag-catalogue';
import type { ContainerDetails, ContainerList, OptionSupport, PrivilegeMode, RootInfo } from '../../shared/model';
import type { Request } from '../../shared/schemas';
import { ensureDemoBundle } from './demo';
import type { Host } from './host/host';
import { LocalHost } from './host/local-host';
import type { DeskService } from './handlers';
import { Lister, type RootListingResult } from './listing';
import {
  assembleRoots,
  defaultLocations,
  discoverRoots,
  lookedAt,
  unknownRootMessage,
  validateProfile,
  type KnownLocations,
  type ResolvedRoot,
} from './roots';
import type { RootContext } from './runsc/argv';
import { findFlag } from './runsc/capabilities';
import type { RunscClient } from './runsc/client';
import { parseEventsStats, parsePsTable } from './runsc/list-parser';
import { resolveRuntime, runscUnavailable, type Runtime } from './runtime';
import { SettingsStore } from './settings';
import { readSpecSummary } from './spec-summary';
import { checkpointWork } from './checkpoint/job';
import { planCheckpoint, planRefusal, type CheckpointPlanDetail, type PlanDeps } from './checkpoint/plan';
import { listDirectory } from './dirs';
import { JobStore } from './jobs/job-store';
import { JobRunner } from './jobs/runner';
import type { Job } from '../../shared/jobs';
import type { ImageList } from '../../shared/images';
import { deleteImage } from './images/delete';
import { findImageFolders, summarizeAll, summarizeImage, type WriterStatus } from './images/scan';
import { summarizeContainerSpecs } from './images/specs';
import { planRestore, type RestoreDeps, type RestorePlanDetail } from './restore/plan';
import { restoreWork } from './restore/job';
import { isDirectory } from './dirs';
import { isInside } from '../../shared/paths';
import { freeId, prefixClash } from './container-ids';
import { bundleAsksForGpu, profileHasNvproxy } from './cuda/gpu-container';
import { binaryInContainer, listCudaProcesses } from './cuda/in-container';
import { gpuOverview, gpuGeneration } from './cuda/host';
import { DEFAULT_CUDA_PATH } from '../../shared/gpu';

export interface DeskOptions {
  dataDir: string;
  /** Overrides the saved setting (the shells' --runsc flag, and tests). */
  runscPath?: string;
  privilege?: PrivilegeMode;
  /** Where to discover roots; tests pass empty locations so only their own roots show. */
  locations?: KnownLocations;
  pollMs?: number;
  /** How long a list, state or ps call may take before it is stopped (default 20 s). */
  queryTimeoutMs?: number;
  /** The user who owns the data dir when the Desk runs as root for them: what it creates there is theirs. */
  owner?: { uid: number; gid: number };
}

const DEMO_TIMEOUT_MS = 60_000;

export async function createDesk(options: DeskOptions): Promise<DeskService> {
  const host = new LocalHost(options.owner ? { owner: { ...options.owner, under: options.dataDir } } : {});
  await host.mkdir(options.dataDir, { recursive: true });
  const overrides = {
    ...(options.runscPath ? { runscPath: options.runscPath } : {}),
    ...(options.privilege ? { privilege: options.privilege } : {}),
  };
  const settings = await SettingsStore.load(host, options.dataDir, overrides);
  const jobs = new JobStore(host, options.dataDir);
  await jobs.load();
  return new Desk(host, options, settings, jobs);
}

/**
 * Planning runs as a person types, and a checkpoint follows its plan: a listing this
 * fresh that shows the container running is trusted; anything else is asked again.
 * (If the container stopped meanwhile, runsc refuses, and the job says why.)
 */
const PLAN_LISTING_TTL_MS = 3000;

class Desk implements DeskService {
  readonly dataDir: string;
  private readonly deskRoot: string;
  private readonly locations: KnownLocations;
  private readonly lister = new Lister();
  private readonly events = new EventEmitter();
  private readonly pollMs: number;
  private readonly queryTimeoutMs: number | undefined;
  private pollTimer: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private readonly runner: JobRunner;
  private readonly recentListings = new Map<string, { at: number; listing: Promise<RootListingResult> }>();
  readonly imagesDir: string;

  constructor(
    private readonly host: Host,
    options: DeskOptions,
    private readonly settings: SettingsStore,
    private readonly jobs: JobStore,
  ) {
    this.dataDir = options.dataDir;
    this.imagesDir = join(options.dataDir, 'images');
    this.runner = new JobRunner(jobs, (event, payload) => this.events.emit(event, payload));
    this.deskRoot = join(options.dataDir, 'root');
    this.locations = options.locations ?? defaultLocations();
    this.pollMs = options.pollMs ?? 3000;
    this.queryTimeoutMs = options.queryTimeoutMs;
    this.events.setMaxListeners(0);
  }

  // ---- runtime and roots ----

  private runtime(): Promise<Runtime> {
    const { runscPath, privilege } = this.settings.get();
    return resolveRuntime(this.host, runscPath, privilege, this.queryTimeoutMs);
  }

  private async client(): Promise<RunscClient> {
    const runtime = await this.runtime();
    if (!runtime.client) throw runscUnavailable(runtime.info);
    return runtime.client;
  }

  private async resolveRoots(runtime: Runtime): Promise<ResolvedRoot[]> {
    const profiles = assembleRoots(await discoverRoots(this.host, this.locations), this.deskRoot, this.settings.get());
    return profiles.map((profile) => {
      const { valid, problems } = validateProfile(profile.requestedFlags, runtime.info.capabilities);
      return { profile, ctx: { root: profile.path, globalFlags: valid }, problems };
    });
  }

  private async knownRoot(path: string): Promise<{ runtime: Runtime; root: ResolvedRoot; client: RunscClient }> {
    const runtime = await this.runtime();
    const root = (await this.resolveRoots(runtime)).find((r) => r.profile.path === path);
    if (!root) {
      throw new DeskError('NOT_FOUND', unknownRootMessage(path), { field: 'root' });
    }
    if (!runtime.client) throw runscUnavailable(runtime.info);
    return { runtime, root, client: runtime.client };
  }

  private async listAll(runtime: Runtime, only?: string): Promise<{ roots: ResolvedRoot[]; results: RootListingResult[] }> {
    const roots = (await this.resolveRoots(runtime)).filter((r) => !only || r.profile.path === only);
    if (only && roots.length === 0) {
      throw new DeskError('NOT_FOUND', unknownRootMessage(only), { field: 'root' });
    }
    const client = runtime.client;
    const results = await Promise.all(
      roots.map((r) =>
        client
          ? this.lister.list(client, r.ctx)
          : Promise.resolve({ root: r.profile.path, containers: [], error: runscUnavailable(runtime.info) }),
      ),
    );
    return { roots, results };
  }

  // ---- calls ----

  async getOverview(): Promise<DeskResults['getOverview']> {
    const runtime = await this.runtime();
    const settings = this.settings.get();
    const [{ roots, results }, gpu] = await Promise.all([
      this.listAll(runtime),
      gpuOverview(this.host, runtime.info.capabilities, settings.cudaCheckpointPath),
    ]);
    return {
      gpu,
      runsc: runtime.info,
      isRoot: process.getuid?.() === 0,
      privilege: settings.privilege,
      dataDir: this.dataDir,
      roots: roots.map((r, i) => rootInfo(r, results[i]!)),
      checkpointOptions: checkpointSupport(runtime),
      lookedAt: lookedAt(this.locations),
    };
  }

  async listContainers(request: Request<'listContainers'>): Promise<ContainerList> {
    const runtime = await this.runtime();
    const { results } = await this.listAll(runtime, request.root);
    return toContainerList(results);
  }

  async getContainer(request: Request<'getContainer'>): Promise<ContainerDetails> {
    const { root, client } = await this.knownRoot(request.root);
    const listing = await this.lister.list(client, root.ctx);
    if (listing.error) throw listing.error;
    const container = listing.containers.find((c) => c.id === request.id);
    if (!container) {
      throw new DeskError('NOT_FOUND', `There is no container "${request.id}" under ${request.root}.`, { field: 'id' });
    }
    // CUDA processes are looked for only where they can exist: a running GPU container on a runsc with GPU support.
    const lookForCuda = container.gpu && container.status === 'running' && gpuGeneration(client.caps) !== 'none';
    const [state, ps, stats, spec, cuda] = await Promise.allSettled([
      client.call(root.ctx, 'state', { id: request.id }),
      client.call(root.ctx, 'ps', { id: request.id }),
      client.call(root.ctx, 'events', { id: request.id, stats: true }),
      readSpecSummary(this.host, container.bundle),
      lookForCuda ? listCudaProcesses(client, root.ctx, request.id, DEFAULT_CUDA_PATH) : Promise.resolve(null),
    ]);
    const errorOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? DeskError.from(r.reason).toJSON() : null);
    return {
      container,
      state: state.status === 'fulfilled' ? safeJson(state.value.stdout) : null,
      processes: ps.status === 'fulfilled' ? parsePsTable(ps.value.stdout) : null,
      processesError: errorOf(ps),
      memory: stats.status === 'fulfilled' ? safeParse(() => parseEventsStats(stats.value.stdout)) : null,
      memoryError: errorOf(stats),
      spec: spec.status === 'fulfilled' ? spec.value : null,
      cuda: cuda.status === 'fulfilled' ? cuda.value : null,
      cudaError: errorOf(cuda),
      specError:
        spec.status === 'rejected'
          ? new DeskError('NOT_FOUND', `Cannot read ${join(container.bundle, 'config.json')}: ${(spec.reason as Error).message}`).toJSON()
          : null,
    };
  }

  async startDemo(request: Request<'startDemo'>): Promise<DeskResults['startDemo']> {
    const { root, client } = await this.knownRoot(this.deskRoot);
    const bundle = await ensureDemoBundle(this.host, this.dataDir);
    await this.host.mkdir(this.deskRoot, { recursive: true, mode: 0o700 });
    const listing = await this.lister.list(client, root.ctx);
    const taken = new Set(listing.containers.map((c) => c.id));
    if (request.id && taken.has(request.id)) {
      throw new DeskError('INVALID_INPUT', `A container named "${request.id}" already exists in the Desk's root.`, { field: 'id' });
    }
    if (request.id && prefixClash(request.id, taken)) {
      throw new DeskError('INVALID_INPUT', `"${request.id}" and the existing "${prefixClash(request.id, taken)}" start alike; runsc matches ids by prefix. Pick another id.`, { field: 'id' });
    }
    let id = request.id ?? freeId('sample', taken, 'sample-1');
    for (let attempt = 0; ; attempt++) {
      try {
        await client.call(
          root.ctx,
          'run',
          { id, bundle, detach: true },
          { outputFile: join(this.dataDir, 'demo', `${id}.log`), timeoutMs: DEMO_TIMEOUT_MS },
        );
        break;
      } catch (error) {
        // Sandbox ids are host-wide (the control socket is named by id): a sample-N in
        // another root takes the name, so try the next one.
        const clash = DeskError.from(error).details?.diagnosis?.title.startsWith('A sandbox with this id');
        if (!clash || request.id || attempt >= 20) throw error;
        taken.add(id);
        id = freeId('sample', taken, 'sample-1');
      }
    }
    await this.announceChange();
    return { root: this.deskRoot, id };
  }

  async stopContainer(request: Request<'stopContainer'>): Promise<DeskResults['stopContainer']> {
    const { root, client } = await this.knownRoot(request.root);
    await client.call(root.ctx, 'delete', { id: request.id, force: true });
    await this.announceChange();
    return { root: request.root, id: request.id };
  }

  async addRoot(request: Request<'addRoot'>): Promise<RootInfo[]> {
    const runtime = await this.runtime();
    const caps = runtime.info.capabilities;
    request.globalFlags.forEach((flag, i) => {
      const { problems } = validateProfile([flag], caps);
      if (problems.length > 0) {
        throw new DeskError('INVALID_INPUT', `globalFlags.${i}: ${problems[0]}.`, { field: `globalFlags.${i}` });
      }
    });
    const current = this.settings.get();
    const discovered = (await this.resolveRoots(runtime)).find((r) => r.profile.path === request.path && !r.profile.removable);
    if (discovered) {
      // A root the Desk found itself keeps its place; only its profile changes.
      await this.settings.update({ profiles: { ...current.profiles, [request.path]: request.globalFlags } });
    } else {
      const userRoots = current.userRoots.filter((r) => r.path !== request.path);
      await this.settings.update({ userRoots: [...userRoots, { path: request.path, globalFlags: request.globalFlags }] });
    }
    await this.announceChange();
    return (await this.getOverview()).roots;
  }

  async removeRoot(request: Request<'removeRoot'>): Promise<RootInfo[]> {
    const current = this.settings.get();
    if (!current.userRoots.some((r) => r.path === request.path)) {
      throw new DeskError('NOT_FOUND', `${request.path} is not a root you added; found roots cannot be removed.`, { field: 'path' });
    }
    await this.settings.update({ userRoots: current.userRoots.filter((r) => r.path !== request.path) });
    await this.announceChange();
    return (await this.getOverview()).roots;
  }

  async getSettings(): Promise<DeskResults['getSettings']> {
    return this.settings.get();
  }

  async updateSettings(request: Request<'updateSettings'>): Promise<DeskResults['updateSettings']> {
    const change: Parameters<SettingsStore['update']>[0] = {};
    if (request.runscPath !== undefined) change.runscPath = request.runscPath;
    if (request.privilege !== undefined) change.privilege = request.privilege;
    const updated = await this.settings.update(change);
    await this.announceChange();
    return updated;
  }

  // ---- checkpoint and jobs ----

  private async planDeps(): Promise<PlanDeps> {
    const runtime = await this.runtime();
    if (!runtime.client) throw runscUnavailable(runtime.info);
    const client = runtime.client;
    const listing = (root: ResolvedRoot) => {
      const cached = this.recentListings.get(root.profile.path);
      if (cached && Date.now() - cached.at < PLAN_LISTING_TTL_MS) return cached.listing;
      const pending = this.lister.list(client, root.ctx, { created: false });
      this.recentListings.set(root.profile.path, { at: Date.now(), listing: pending });
      return pending;
    };
    return {
      client,
      cuda: (root) => ({
        isGpuContainer: async (c) => profileHasNvproxy(root.ctx.globalFlags) || (await bundleAsksForGpu(this.host, c.bundle)),
        binaryInContainer: (c, path) => binaryInContainer(client, root.ctx, c.id, path),
      }),
      roots: (await this.resolveRoots(runtime)),
      imagesDir: this.imagesDir,
      findContainer: async (root, id) => {
        let result = await listing(root);
        // Only a running container is taken from the cache; a miss or another state is asked again.
        if (result.containers.find((c) => c.id === id)?.status !== 'running') {
          this.recentListings.delete(root.profile.path);
          result = await listing(root);
        }
        if (result.error) throw result.error;
        return result.containers.find((c) => c.id === id) ?? null;
      },
      memoryBytes: async (root, id) => {
        try {
          return parseEventsStats((await client.call(root.ctx, 'events', { id, stats: true })).stdout).usageBytes;
        } catch {
          return null;
        }
      },
    };
  }

  async planCheckpoint(request: Request<'planCheckpoint'>): Promise<DeskResults['planCheckpoint']> {
    const plan = await planCheckpoint(await this.planDeps(), request);
    return publicPlan(plan);
  }

  async checkpoint(request: Request<'checkpoint'>): Promise<DeskResults['checkpoint']> {
    const deps = await this.planDeps();
    const plan = await planCheckpoint(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    this.recentListings.clear();
    const job = await this.runner.start(
      'checkpoint',
      `Checkpoint ${request.id}`,
      { root: request.root, id: request.id },
      { ...request, imagePath: plan.imagePath },
      checkpointWork(deps.client, request, plan),
    );
    void this.runner.done(job.id).then(() => this.announceChange());
    return { jobId: job.id };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new DeskError('NOT_FOUND', `There is no job ${jobId}.`, { field: 'jobId' });
    return job;
  }

  async getJob(request: Request<'getJob'>): Promise<Job> {
    return this.job(request.jobId);
  }

  async getJobLog(request: Request<'getJobLog'>): Promise<DeskResults['getJobLog']> {
    this.job(request.jobId);
    return this.runner.log(request.jobId).read(request.offset ?? 0, request.limit ?? 1000);
  }

  async listJobs(request: Request<'listJobs'>): Promise<Job[]> {
    return this.jobs
      .list()
      .filter((j) => (!request.status || j.status === request.status) && (!request.containerId || j.target.id === request.containerId));
  }

  async cancelJob(request: Request<'cancelJob'>): Promise<Job> {
    const job = this.job(request.jobId);
    if (!this.runner.isRunning(job.id)) {
      throw new DeskError('INVALID_INPUT', `${job.title} is ${job.status}; only a running job can be cancelled.`, { field: 'jobId' });
    }
    await this.runner.cancel(job.id);
    return this.job(request.jobId);
  }

  async listDirectory(request: Request<'listDirectory'>): Promise<DeskResults['listDirectory']> {
    return listDirectory(this.host, request.path);
  }

  // ---- images and restore ----

  private imageDirs(): { path: string; removable: boolean }[] {
    const user = this.settings.get().imageDirs.filter((d) => d !== this.imagesDir);
    return [{ path: this.imagesDir, removable: false }, ...user.map((path) => ({ path, removable: true }))];
  }

  /** Built once per scan: a listing of thousands of images asks it thousands of times. */
  private writerStatus(): WriterStatus {
    const byPath = new Map<string, string>();
    for (const job of this.jobs.list().reverse()) if (job.kind === 'checkpoint' && job.imagePath) byPath.set(job.imagePath, job.status);
    return (path, jobId) => (jobId ? this.jobs.get(jobId)?.status : byPath.get(path));
  }

  async listImages(): Promise<ImageList> {
    const dirs = this.imageDirs();
    const found = await Promise.all(
      dirs.map(async (d) => {
        const present = await isDirectory(this.host, d.path);
        // The Desk's own images dir appears with the first checkpoint; its absence is no error.
        const error = present || !d.removable ? null : `${d.path} does not exist or is not a folder.`;
        return { dir: { ...d, error }, folders: present ? await findImageFolders(this.host, d.path) : [] };
      }),
    );
    const folders = [...new Set(found.flatMap((f) => f.folders))];
    const summaries = await summarizeAll(this.host, folders, this.writerStatus());
    // The header's metadata stays for inspectImage: a list of thousands stays small.
    const images = summaries.map(({ metadata: _metadata, ...summary }) => summary).sort((a, b) => b.createdAt - a.createdAt);
    return { images, dirs: found.map((f) => f.dir) };
  }

  private knownImage(path: string): void {
    if (!this.imageDirs().some((d) => isInside(path, d.path))) {
      throw new DeskError('NOT_FOUND', `${path} is not under an image dir the Desk scans. Add its folder in Images first.`, { field: 'path' });
    }
  }

  async inspectImage(request: Request<'inspectImage'>): Promise<DeskResults['inspectImage']> {
    this.knownImage(request.path);
    if (!(await isDirectory(this.host, request.path))) throw new DeskError('NOT_FOUND', `${request.path} is not a folder.`, { field: 'path' });
    const image = await summarizeImage(this.host, request.path, this.writerStatus());
    const jobs = this.jobs.list().filter((j) => j.imagePath === request.path || j.options.imagePath === request.path);
    return { ...image, containers: summarizeContainerSpecs(image.metadata), jobs };
  }

  async addImageDir(request: Request<'addImageDir'>): Promise<ImageList> {
    if (!(await isDirectory(this.host, request.path))) throw new DeskError('NOT_FOUND', `${request.path} is not a folder.`, { field: 'path' });
    const current = this.settings.get().imageDirs;
    if (!current.includes(request.path) && request.path !== this.imagesDir) {
      await this.settings.update({ imageDirs: [...current, request.path] });
    }
    return this.listImages();
  }

  async removeImageDir(request: Request<'removeImageDir'>): Promise<ImageList> {
    const current = this.settings.get().imageDirs;
    if (!current.includes(request.path)) {
      throw new DeskError('NOT_FOUND', `${request.path} is not an image dir you added.`, { field: 'path' });
    }
    await this.settings.update({ imageDirs: current.filter((d) => d !== request.path) });
    return this.listImages();
  }

  private async restoreDeps(): Promise<RestoreDeps> {
    const runtime = await this.runtime();
    if (!runtime.client) throw runscUnavailable(runtime.info);
    const client = runtime.client;
    return {
      client,
      roots: (await this.resolveRoots(runtime)),
      containers: async (root) => {
        const listing = await this.lister.list(client, root.ctx);
        if (listing.error) throw listing.error;
        return listing.containers;
      },
      image: (path) => summarizeImage(this.host, path, this.writerStatus()),
    };
  }

  async planRestore(request: Request<'planRestore'>): Promise<DeskResults['planRestore']> {
    return publicRestorePlan(await planRestore(await this.restoreDeps(), request));
  }

  async restore(request: Request<'restore'>): Promise<DeskResults['restore']> {
    const deps = await this.restoreDeps();
    const plan = await planRestore(deps, request);
    if (plan.problems.length > 0) throw planRefusal(plan);
    const { root, id } = plan.resolved;
    const job = await this.runner.start('restore', `Restore ${id}`, { root, id }, { ...request, ...plan.resolved }, restoreWork(deps.client, plan));
    void this.runner.done(job.id).then(() => this.announceChange());
    return { jobId: job.id };
  }

  async deleteImage(request: Request<'deleteImage'>): Promise<DeskResults['deleteImage']> {
    this.knownImage(request.path);
    const running = this.jobs.list().find((j) => j.status === 'running' && (j.imagePath === request.path || j.options.imagePath === request.path));
    if (running) throw new DeskError('INVALID_INPUT', `${running.title} is using this image; wait for it or cancel it first.`, { field: 'path' });
    return deleteImage(this.host, request.path);
  }

  // ---- events ----

  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    this.events.on(event, listener);
    this.updatePolling();
    return () => {
      this.events.off(event, listener);
      this.updatePolling();
    };
  }

  private updatePolling(): void {
    const listening = this.events.listenerCount('containers:changed') > 0;
    if (listening && !this.pollTimer) {
      this.pollTimer = setInterval(() => void this.poll(), this.pollMs);
      this.pollTimer.unref();
    } else if (!listening && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = null;
    }
  }

  private async poll(force = false): Promise<void> {
    try {
      const list = await this.listContainers({});
      const signature = JSON.stringify({ ...list, at: 0 });
      if (force || signature !== this.lastSignature) {
        this.lastSignature = signature;
        this.events.emit('containers:changed', list);
      }
    } catch {
      // A failed poll is not news; the next one, or the next call, reports it.
    }
  }

  /** After a change the Desk made itself, every window hears of it at once. */
  private announceChange(): Promise<void> {
    // What the Desk changed itself, it never answers from an older listing.
    this.recentListings.clear();
    return this.events.listenerCount('containers:changed') > 0 ? this.poll(true) : Promise.resolve();
  }

  async close(): Promise<void> {
    await this.runner.idle();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.events.removeAllListeners();
  }
}

function publicRestorePlan(plan: RestorePlanDetail): DeskResults['planRestore'] {
  return { argv: plan.argv, problems: plan.problems, warnings: plan.warnings, resolved: plan.resolved, defaults: plan.defaults };
}

function publicPlan(plan: CheckpointPlanDetail): DeskResults['planCheckpoint'] {
  return { argv: plan.argv, problems: plan.problems, warnings: plan.warnings, imagePath: plan.imagePath, followUps: plan.followUps };
}

function rootInfo(root: ResolvedRoot, listing: RootListingResult): RootInfo {
  return {
    path: root.profile.path,
    source: root.profile.source,
    globalFlags: root.ctx.globalFlags,
    profileSource: root.profile.profileSource,
    profileProblems: root.problems,
    removable: root.profile.removable,
    containerCount: listing.error ? null : listing.containers.length,
    error: listing.error?.toJSON() ?? null,
  };
}

function toContainerList(results: RootListingResult[]): ContainerList {
  return {
    containers: results.flatMap((r) => r.containers),
    roots: results.map((r) => ({ root: r.root, count: r.containers.length, error: r.error?.toJSON() ?? null })),
    at: Date.now(),
  };
}

function checkpointSupport(runtime: Runtime): OptionSupport[] {
  const flags = runtime.info.capabilities?.subcommands.checkpoint;
  return CHECKPOINT_OPTIONS.map(({ option, flag }) => {
    const spec = findFlag(flags, flag);
    return { option, flag: `--${flag}`, supported: spec !== undefined, help: spec?.help ?? null };
  });
}

function safeJson(text: string): Record<string, unknown> | null {
  return safeParse(() => JSON.parse(text) as Record<string, unknown>);
}

function safeParse<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch {
    return null;
  }
}
