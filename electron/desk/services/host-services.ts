// One set of the services that act on a machine (runtime, roots, containers, images,
// checkpoint, restore, settings), built for one Host. The Desk holds one set per host
// and routes each call by its `host`; jobs, their log, the event bus and the settings
// file stay single and on this machine, so a remote checkpoint is a local job whose
// steps run on the host.
import { join } from 'node:path';
import type { DeskEventName, DeskEvents } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { ContainerList, HostSettings, Settings } from '../../../shared/model';
import { listDockerCheckpoints } from '../docker/checkpoints';
import type { DockerLister } from '../docker/listing';
import type { Host } from '../host/host';
import type { JobStore } from '../jobs/job-store';
import type { JobRunner } from '../jobs/runner';
import type { Managers } from '../managers/manager';
import type { KnownLocations } from '../roots';
import type { KeptProbes } from '../runsc/kept-probes';
import { SettingsStore } from '../settings';
import { CheckpointService } from './checkpoint-service';
import { ContainersService } from './containers-service';
import { EventBus } from './events';
import { ImagesService } from './images-service';
import { OverviewService } from './overview-service';
import { RestoreService } from './restore-service';
import { RootsService } from './roots-service';
import { RuntimeService } from './runtime-service';
import { SettingsService } from './settings-service';

export interface HostServices {
  name: string;
  host: Host;
  /** The Desk's data dir on that host (this machine's for `local`): its root and images live there. */
  dataDir: string;
  settings: SettingsStore;
  runtime: RuntimeService;
  roots: RootsService;
  containers: ContainersService;
  overview: OverviewService;
  images: ImagesService;
  checkpoint: CheckpointService;
  restore: RestoreService;
  settingsService: SettingsService;
  /** Stops its polling and its events. */
  close(): void;
}

export interface HostServicesOptions {
  host: Host;
  settings: SettingsStore;
  dataDir: string;
  locations: KnownLocations;
  managers: Managers;
  /** The Desk's one bus: this host's events are stamped with its name on the way. */
  events: EventBus;
  runner: JobRunner;
  store: JobStore;
  pollMs: number;
  queryTimeoutMs?: number;
  /** Probes kept between runs of the Desk (one file on this machine, for every host). */
  kept?: KeptProbes;
  /** Docker's containers and checkpoints on that host (a remote one's through `docker system dial-stdio` over ssh). */
  docker?: DockerLister;
}

export function buildHostServices(options: HostServicesOptions): HostServices {
  const { host, settings, dataDir, managers, runner } = options;
  const events = options.host.name === 'local' ? options.events : new HostEventBus(options.events, host.name);
  const runtime = new RuntimeService(host, settings, {
    dockerDaemonJson: options.locations.dockerDaemonJson,
    ...(options.queryTimeoutMs !== undefined ? { queryTimeoutMs: options.queryTimeoutMs } : {}),
    ...(options.kept ? { kept: options.kept } : {}),
  });
  // Roots and settings announce changes and answer with the overview: both are wired late.
  let containers: ContainersService;
  let overview: OverviewService;
  const changed = () => containers.announceChange();
  const roots = new RootsService({
    host,
    settings,
    runtime,
    deskRoot: join(dataDir, 'root'),
    locations: options.locations,
    changed,
    rootInfos: async () => (await overview.getOverview()).roots,
  });
  containers = new ContainersService({ host, runtime, roots, managers, events, dataDir, pollMs: options.pollMs, ...(options.docker ? { docker: options.docker } : {}) });
  overview = new OverviewService({ runtime, roots, containers, settings, dataDir });
  const docker = options.docker;
  const images = new ImagesService({
    host,
    settings,
    jobs: options.store,
    imagesDir: join(dataDir, 'images'),
    // Docker's checkpoints are images only where the Desk knows a Docker root.
    ...(docker
      ? {
          docker: {
            engine: docker.engine,
            checkpoints: async () => ((await roots.resolve(await runtime.current())).some((r) => r.manager === 'docker') ? listDockerCheckpoints(docker) : []),
          },
        }
      : {}),
  });
  const checkpoint = new CheckpointService({ runtime, roots, containers, managers, runner, imagesDir: images.imagesDir });
  const restore = new RestoreService({ runtime, roots, containers, images, managers, runner, ...(docker ? { docker: docker.engine } : {}) });
  const settingsService = new SettingsService(settings, changed, (path) => runtime.refusal(path));
  return {
    name: host.name,
    host,
    dataDir,
    settings,
    runtime,
    roots,
    containers,
    overview,
    images,
    checkpoint,
    restore,
    settingsService,
    close() {
      containers.close();
      if (events instanceof HostEventBus) events.close();
      // A remote host's Docker keeps ssh channels open for a few seconds: ended now. This machine's engine is the Desk's.
      if (host.name !== 'local') docker?.engine.close?.();
    },
  };
}

/** A list as a remote host's: it and each container name the host. */
export function onHost(list: ContainerList, host: string): ContainerList {
  return {
    ...list,
    host,
    containers: list.containers.map((c) => ({ ...c, host })),
    roots: list.roots.map((r) => ({ ...r, host })),
  };
}

/**
 * A host's view of the Desk's bus: what it emits carries its name (a window showing
 * another host ignores it), and once closed it neither polls nor emits.
 */
class HostEventBus extends EventBus {
  private closed = false;

  constructor(
    private readonly base: EventBus,
    private readonly hostName: string,
  ) {
    super();
  }

  override emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void {
    if (this.closed) return;
    const stamped = event === 'containers:changed' ? onHost(payload as ContainerList, this.hostName) : payload;
    this.base.emit(event, stamped as DeskEvents[E]);
  }

  override on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    return this.base.on(event, listener);
  }

  override listening(event: DeskEventName): boolean {
    return !this.closed && this.base.listening(event);
  }

  override watch(watcher: () => void): void {
    this.base.watch(() => {
      if (!this.closed) watcher();
    });
  }

  override clear(): void {
    this.close();
  }

  close(): void {
    this.closed = true;
  }
}

/** What a remote host is found with when its settings do not say: probed on the host. */
export interface HostFacts {
  /** The Desk's data dir by the rule of the user logged in there. */
  dataDir: string;
  runscPath: string | null;
  privilege: Settings['privilege'] | null;
}

const HOST_FIELDS = ['runscPath', 'privilege', 'userRoots', 'runscBinaries', 'profiles', 'imageDirs', 'cudaCheckpointPath'] as const;

/**
 * A remote host's settings, seen through the one settings file: runsc, privilege, roots
 * and image dirs are the host's own (kept under hostSettings[name]); the rest (theme,
 * hosts, ssh config) is the Desk's.
 */
export class HostSettingsStore extends SettingsStore {
  constructor(
    private readonly base: SettingsStore,
    private readonly hostName: string,
    private readonly facts: HostFacts,
    localHost: Host,
    dataDir: string,
  ) {
    super(localHost, dataDir, base.get());
  }

  override get(): Settings {
    const all = this.base.get();
    const own: HostSettings = all.hostSettings?.[this.hostName] ?? {};
    return {
      ...all,
      runscPath: own.runscPath ?? this.facts.runscPath,
      privilege: own.privilege ?? this.facts.privilege ?? 'none',
      userRoots: own.userRoots ?? [],
      runscBinaries: own.runscBinaries ?? [],
      profiles: own.profiles ?? {},
      imageDirs: own.imageDirs ?? [],
      cudaCheckpointPath: own.cudaCheckpointPath ?? null,
    };
  }

  override async update(change: Partial<Settings>): Promise<Settings> {
    const all = this.base.get();
    const own: HostSettings = { ...(all.hostSettings?.[this.hostName] ?? {}) };
    const shared: Partial<Settings> = {};
    for (const [key, value] of Object.entries(change) as [keyof Settings, unknown][]) {
      if ((HOST_FIELDS as readonly string[]).includes(key)) (own as Record<string, unknown>)[key] = value;
      else (shared as Record<string, unknown>)[key] = value;
    }
    await this.base.update({ ...shared, hostSettings: { ...(all.hostSettings ?? {}), [this.hostName]: own } });
    return this.get();
  }
}

/**
 * The per-host sets, by host name: `local` built once, a remote one on its first call
 * (its facts probed over ssh), rebuilt when its Host changes (another target or ssh
 * config), and dropped when the probe fails, so the next call tries again.
 */
export class HostRegistry {
  private readonly sets = new Map<string, { host: Host; set: Promise<HostServices> }>();

  constructor(
    readonly local: HostServices,
    private readonly hosts: { host(name: string): Host; facts(name: string): Promise<HostFacts> },
    private readonly build: (host: Host, facts: HostFacts) => HostServices,
  ) {}

  get(name: string = 'local'): Promise<HostServices> {
    if (name === 'local') return Promise.resolve(this.local);
    let host: Host;
    try {
      host = this.hosts.host(name);
    } catch (error) {
      return Promise.reject(error);
    }
    const cached = this.sets.get(name);
    if (cached && cached.host === host) return cached.set;
    if (cached) void cached.set.then((s) => s.close(), () => undefined);
    const set = this.hosts.facts(name).then((facts) => this.build(host, facts));
    this.sets.set(name, { host, set });
    set.catch(() => {
      if (this.sets.get(name)?.set === set) this.sets.delete(name);
    });
    return set;
  }

  forget(name: string): void {
    const cached = this.sets.get(name);
    this.sets.delete(name);
    if (cached) void cached.set.then((s) => s.close(), () => undefined);
  }

  closeAll(): void {
    this.local.close();
    for (const name of [...this.sets.keys()]) this.forget(name);
  }
}

/** How long one host may take to list before the all-hosts view shows it as unreachable. */
const ALL_HOSTS_TIMEOUT_MS = 20_000;

/**
 * Every host's containers in one list (the host column): each host listed at once, an
 * unreachable one named with ssh's words while the others, local first, still show.
 */
export class AllHosts {
  constructor(
    private readonly registry: HostRegistry,
    private readonly names: () => Promise<{ name: string }[]>,
  ) {}

  async listContainers(root?: string): Promise<ContainerList> {
    const names = (await this.names()).map((h) => h.name);
    const lists = await Promise.all(
      names.map(async (name) => {
        try {
          const set = await withTimeout(this.registry.get(name), name);
          const list = await withTimeout(set.containers.listContainers(root ? { root } : {}), name);
          return { name, list: onHost(list, name), error: null };
        } catch (error) {
          const shape = DeskError.from(error).toJSON();
          // A root asked for exists on one host only: the others are not unreachable.
          if (root && shape.code === 'NOT_FOUND') return { name, list: null, error: null };
          return { name, list: null, error: shape };
        }
      }),
    );
    return {
      containers: lists.flatMap((l) => l.list?.containers ?? []),
      roots: lists.flatMap((l) => l.list?.roots ?? []),
      at: Date.now(),
      hosts: lists.map((l) => ({ name: l.name, reachable: l.error === null, error: l.error })),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, host: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeskError('INTERNAL', `Host "${host}" did not answer within ${ALL_HOSTS_TIMEOUT_MS / 1000} s.`, { host })), ALL_HOSTS_TIMEOUT_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
