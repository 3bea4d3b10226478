// Containers: the listing (one runsc call per root, shared by concurrent callers), the
// details panel, the sample sandbox, stop, and the change events (polled while anyone
// listens, and announced at once after a change the Desk made itself).
import { join } from 'node:path';
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import { DEFAULT_CUDA_PATH } from '../../../shared/gpu';
import type { Container, ContainerDetails, ContainerList } from '../../../shared/model';
import type { Request } from '../../../shared/schemas';
import { freeId, noFreeIdMessage, prefixClash } from '../container-ids';
import { gpuGeneration } from '../cuda/host';
import { listCudaProcesses } from '../cuda/in-container';
import { ensureDemoBundle } from '../demo';
import { isUnreachable } from '../docker/engine';
import type { DockerLister } from '../docker/listing';
import type { Host } from '../host/host';
import { Lister, type RootListingResult } from '../listing';
import type { Managers } from '../managers/manager';
import { unknownRootMessage, type ResolvedRoot } from '../roots';
import type { RunscClient } from '../runsc/client';
import { parseEventsStats, parsePsTable } from '../runsc/list-parser';
import { readSpecSummary } from '../spec-summary';
import type { EventBus } from './events';
import type { RootsService } from './roots-service';
import { runscUnavailable, type Runtime, type RuntimeService } from './runtime-service';

const DEMO_TIMEOUT_MS = 60_000;

/**
 * Planning runs as a person types, and a checkpoint follows its plan: a listing this
 * fresh that shows the container running is trusted; anything else is asked again.
 * (If the container stopped meanwhile, runsc refuses, and the job says why.)
 */
const PLAN_LISTING_TTL_MS = 3000;

export interface ContainersDeps {
  host: Host;
  runtime: RuntimeService;
  roots: RootsService;
  managers: Managers;
  events: EventBus;
  dataDir: string;
  pollMs: number;
  /** Lists Docker's runtime roots through Docker, with its names; absent: runsc lists them. */
  docker?: DockerLister;
}

export class ContainersService {
  private readonly lister = new Lister();
  private readonly recentListings = new Map<string, { at: number; listing: Promise<RootListingResult> }>();
  private pollTimer: NodeJS.Timeout | null = null;
  private lastSignature = '';

  constructor(private readonly deps: ContainersDeps) {
    deps.events.watch(() => this.updatePolling());
  }

  /** Every root (or only one), listed at once; a root that fails carries its error. */
  async listAll(runtime: Runtime, only?: string): Promise<{ roots: ResolvedRoot[]; results: (RootListingResult & { notice?: string | null })[] }> {
    const roots = (await this.deps.roots.resolve(runtime)).filter((r) => !only || r.profile.path === only);
    if (only && roots.length === 0) {
      throw new DeskError('NOT_FOUND', unknownRootMessage(only), { field: 'root' });
    }
    const results = await Promise.all(
      roots.map(async (r) => {
        // A root bound to its own runsc is read by that binary (its state files are its
        // version's); when that binary cannot run, the default one still lists it.
        const own = r.profile.runsc ? await this.deps.roots.ownRuntime(r).catch(() => null) : null;
        const client = own?.client ?? runtime.client;
        return client ? this.listRoot(client, own?.root ?? r) : { root: r.profile.path, containers: [], error: runscUnavailable(runtime.info) };
      }),
    );
    return { roots, results };
  }

  async listContainers(request: Request<'listContainers'>): Promise<ContainerList> {
    const runtime = await this.deps.runtime.current();
    const { results } = await this.listAll(runtime, request.root);
    return toContainerList(results);
  }

  /** The containers of one root, for restore's id check. */
  async containersOf(client: RunscClient, root: ResolvedRoot): Promise<Container[]> {
    const listing = await this.listRoot(client, root);
    if (listing.error) throw listing.error;
    return listing.containers;
  }

  /** For planning: a fresh enough listing that shows it running is trusted; anything else is asked again. */
  async findForPlan(client: RunscClient, root: ResolvedRoot, id: string): Promise<Container | null> {
    const listing = () => {
      const cached = this.recentListings.get(root.profile.path);
      if (cached && Date.now() - cached.at < PLAN_LISTING_TTL_MS) return cached.listing;
      const pending = this.listRoot(client, root, { created: false });
      this.recentListings.set(root.profile.path, { at: Date.now(), listing: pending });
      return pending;
    };
    let result = await listing();
    // Only a running container is taken from the cache; a miss or another state is asked again.
    if (result.containers.find((c) => c.id === id)?.status !== 'running') {
      this.recentListings.delete(root.profile.path);
      result = await listing();
    }
    if (result.error) throw result.error;
    return result.containers.find((c) => c.id === id) ?? null;
  }

  /**
   * One root's listing: Docker's runtime roots through Docker when it answers; when it
   * does not, runsc lists them, without names, and a notice says why.
   */
  private async listRoot(client: RunscClient, root: ResolvedRoot, options?: { created?: boolean }): Promise<RootListingResult & { notice?: string | null }> {
    const docker = this.deps.docker;
    if (root.manager !== 'docker' || !docker) return this.lister.list(client, root, options);
    const all = await this.deps.roots.resolve(await this.deps.runtime.current());
    const dockerRoots = all.filter((r) => r.manager === 'docker').map((r) => r.profile.path);
    try {
      const containers = await docker.list(client.host, { path: root.profile.path, globalFlags: root.ctx.globalFlags, dockerRoots });
      return { root: root.profile.path, containers, error: null, notice: null };
    } catch (error) {
      if (!isUnreachable(error)) return { root: root.profile.path, containers: [], error: DeskError.from(error) };
      const listing = await this.lister.list(client, root, options);
      const notice = `${DeskError.from(error).message} Listed by runsc instead: no Docker names, and read-only.`;
      return { ...listing, notice };
    }
  }

  /** A job is about to change containers: planning must not trust what it saw before. */
  forgetPlanListings(): void {
    this.recentListings.clear();
  }

  async getContainer(request: Request<'getContainer'>): Promise<ContainerDetails> {
    const { root, client } = await this.deps.roots.known(request.root);
    const listing = await this.listRoot(client, root);
    if (listing.error) throw listing.error;
    const container = listing.containers.find((c) => c.id === request.id);
    if (!container) {
      throw new DeskError('NOT_FOUND', `There is no container "${request.id}" under ${request.root}.`, { field: 'id' });
    }
    // CUDA processes are looked for only where they can exist: a running GPU container on a runsc with GPU support.
    const running = container.status === 'running' || container.status === 'paused';
    const lookForCuda = container.gpu && container.status === 'running' && gpuGeneration(client.caps) !== 'none';
    const [state, ps, stats, spec, cuda] = await Promise.allSettled([
      client.call(root.ctx, 'state', { id: request.id }),
      // A stopped sandbox has no processes and no stats: runsc only fails (exit 128) saying so.
      running ? client.call(root.ctx, 'ps', { id: request.id }) : Promise.resolve(null),
      running ? client.call(root.ctx, 'events', { id: request.id, stats: true }) : Promise.resolve(null),
      readSpecSummary(client.host, container.bundle),
      lookForCuda ? listCudaProcesses(client, root.ctx, request.id, DEFAULT_CUDA_PATH) : Promise.resolve(null),
    ]);
    const errorOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? DeskError.from(r.reason).toJSON() : null);
    return {
      container,
      state: state.status === 'fulfilled' ? safeJson(state.value.stdout) : null,
      processes: ps.status === 'fulfilled' && ps.value ? parsePsTable(ps.value.stdout) : null,
      processesError: errorOf(ps),
      memory: stats.status === 'fulfilled' && stats.value ? safeParse(() => parseEventsStats(stats.value!.stdout)) : null,
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
    const { host, dataDir } = this.deps;
    const deskRoot = this.deps.roots.deskRoot;
    const { root, client } = await this.deps.roots.known(deskRoot);
    const bundle = await ensureDemoBundle(host, dataDir);
    await host.mkdir(deskRoot, { recursive: true, mode: 0o700 });
    const listing = await this.lister.list(client, root);
    const taken = new Set(listing.containers.map((c) => c.id));
    if (request.id && taken.has(request.id)) {
      throw new DeskError('INVALID_INPUT', `A container named "${request.id}" already exists in the Desk's root.`, { field: 'id' });
    }
    if (request.id && prefixClash(request.id, taken)) {
      throw new DeskError('INVALID_INPUT', `"${request.id}" and the existing "${prefixClash(request.id, taken)}" start alike; runsc matches ids by prefix. Pick another id.`, { field: 'id' });
    }
    const sampleId = () => {
      const free = freeId('sample', taken, 'sample-1');
      if (free === null) throw new DeskError('INVALID_INPUT', noFreeIdMessage('sample', taken), { field: 'id' });
      return free;
    };
    let id = request.id ?? sampleId();
    for (let attempt = 0; ; attempt++) {
      try {
        await client.call(root.ctx, 'run', { id, bundle, detach: true }, { outputFile: join(dataDir, 'demo', `${id}.log`), timeoutMs: DEMO_TIMEOUT_MS });
        break;
      } catch (error) {
        // Sandbox ids are host-wide (the control socket is named by id): a sample-N in
        // another root takes the name, so try the next one.
        const clash = DeskError.from(error).details?.diagnosis?.title.startsWith('A sandbox with this id');
        if (!clash || request.id || attempt >= 20) throw error;
        taken.add(id);
        id = sampleId();
      }
    }
    await this.announceChange();
    return { root: deskRoot, id };
  }

  async stopContainer(request: Request<'stopContainer'>): Promise<DeskResults['stopContainer']> {
    const { root, client } = await this.deps.roots.known(request.root);
    await this.deps.managers.of(root).stop(client, root, request.id);
    await this.announceChange();
    return { root: request.root, id: request.id };
  }

  /** After a change the Desk made itself, every window hears of it at once. */
  announceChange(): Promise<void> {
    // What the Desk changed itself, it never answers from an older listing.
    this.recentListings.clear();
    return this.deps.events.listening('containers:changed') ? this.poll(true) : Promise.resolve();
  }

  close(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private updatePolling(): void {
    const listening = this.deps.events.listening('containers:changed');
    if (listening && !this.pollTimer) {
      this.pollTimer = setInterval(() => void this.poll(), this.deps.pollMs);
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
        this.deps.events.emit('containers:changed', list);
      }
    } catch {
      // A failed poll is not news; the next one, or the next call, reports it.
    }
  }
}

function toContainerList(results: (RootListingResult & { notice?: string | null })[]): ContainerList {
  return {
    containers: results.flatMap((r) => r.containers),
    roots: results.map((r) => ({ root: r.root, count: r.containers.length, error: r.error?.toJSON() ?? null, ...(r.notice ? { notice: r.notice } : {}) })),
    at: Date.now(),
  };
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
