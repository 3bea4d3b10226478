// createDesk: composes the Desk service once, from a Host, its settings and its jobs,
// into the object both shells call through dispatch(). It only wires; each call lives
// in the service of its domain.
import { join } from 'node:path';
import type { PrivilegeMode } from '../../shared/model';
import type { DeskService } from './handlers';
import { DockerEngine, type Engine } from './docker/engine';
import { DockerLister } from './docker/listing';
import { remoteDockerEngine } from './docker/remote-engine';
import { RuntimeVersions } from './docker/runtimes';
import { KeptProbes } from './runsc/kept-probes';
import { LocalHost } from './host/local-host';
import { JobStore } from './jobs/job-store';
import { JobRunner } from './jobs/runner';
import { DockerManager } from './managers/docker-manager';
import { Managers } from './managers/manager';
import { ReadOnlyManager } from './managers/read-only-manager';
import { RunscManager } from './managers/runsc-manager';
import { defaultLocations, type KnownLocations } from './roots';
import { EventBus } from './services/events';
import { AllHosts, buildHostServices, HostRegistry, HostSettingsStore, onHost } from './services/host-services';
import { HostsService, LOCAL } from './services/hosts-service';
import { MigrateService } from './services/migrate-service';
import { JobsService } from './services/jobs-service';
import { ReviewService } from './services/review-service';
import { REMOTE_FACTS } from './revalidating';
import { SettingsStore } from './settings';
import packageJson from '../../package.json';

/** How often a remote host's containers are listed while a window listens. */
const REMOTE_POLL_MS = 10_000;

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
  /**
   * The person the service works for when it runs as root (the privileged helper): what
   * it writes in the data dir becomes theirs, and ssh runs as them, with their agent.
   */
  owner?: { uid: number; gid: number; sshAuthSock?: string };
  /** The Docker Engine the Docker roots are managed through (default: DOCKER_HOST or /var/run/docker.sock). */
  docker?: Engine;
}

export async function createDesk(options: DeskOptions): Promise<DeskService> {
  const { dataDir } = options;
  const host = new LocalHost(options.owner ? { owner: { uid: options.owner.uid, gid: options.owner.gid, under: dataDir } } : {});
  await host.mkdir(dataDir, { recursive: true });
  const overrides = {
    ...(options.runscPath ? { runscPath: options.runscPath } : {}),
    ...(options.privilege ? { privilege: options.privilege } : {}),
  };
  const settings = await SettingsStore.load(host, dataDir, overrides);
  const store = new JobStore(host, dataDir);
  await store.load();

  const events = new EventBus();
  const runner = new JobRunner(store, (event, payload) => events.emit(event, payload));
  const runsc = new RunscManager();
  // Docker's runtime roots are changed only through Docker's Engine API.
  const dockerEngine = options.docker ?? new DockerEngine();
  // Docker's /info (which runtimes are runsc) changes only when dockerd restarts, and took
  // ~40 % of a listing here: kept as a host fact; the containers are asked every time.
  const dockerLister = new DockerLister(dockerEngine, { keepInfo: REMOTE_FACTS });
  const managers = new Managers({
    runsc,
    docker: new DockerManager(dockerLister, new RuntimeVersions(host)),
    containerd: new ReadOnlyManager('containerd'),
  });
  const pollMs = options.pollMs ?? 3000;
  const kept = new KeptProbes(host, join(dataDir, 'runsc-probes.json'), packageJson.version);
  const shared = { managers, events, runner, store, kept, queryTimeoutMs: options.queryTimeoutMs };
  const local = buildHostServices({
    ...shared,
    host,
    settings,
    dataDir,
    locations: options.locations ?? defaultLocations(),
    pollMs,
    docker: dockerLister,
  });
  const jobs = new JobsService(store, runner);
  const review = new ReviewService(store, runner, packageJson.version);
  const sshUser = options.owner && { uid: options.owner.uid, gid: options.owner.gid, ...(options.owner.sshAuthSock ? { authSock: options.owner.sshAuthSock } : {}) };
  const hosts = new HostsService({ local: host, settings, dataDir, docker: dockerEngine, ...(sshUser ? { sshUser } : {}) });
  // A remote host: its own runsc, roots and images (under its data dir there), its Docker
  // through its own docker CLI over the same ssh (docker system dial-stdio), containerd
  // roots listed read-only; jobs, events and the settings file stay here. Where Docker
  // does not answer, runsc lists its Docker roots, read-only, and says why.
  const registry = new HostRegistry(local, hosts, (remote, facts) => {
    const remoteEngine = remoteDockerEngine(remote);
    // Over ssh, Docker's /info and its silence are facts of the host (REMOTE_FACTS): asked
    // again every few seconds, not on every listing. Its containers are asked every time.
    const docker = remoteEngine ? new DockerLister(remoteEngine, { keepUnreachableMs: REMOTE_FACTS.freshMs, keepInfo: REMOTE_FACTS }) : undefined;
    const managers = new Managers({
      runsc,
      docker: docker ? new DockerManager(docker, new RuntimeVersions(remote)) : new ReadOnlyManager('docker'),
      containerd: new ReadOnlyManager('containerd'),
    });
    return buildHostServices({
      ...shared,
      managers,
      ...(docker ? { docker } : {}),
      host: remote,
      settings: new HostSettingsStore(settings, remote.name, facts, host, dataDir),
      dataDir: facts.dataDir,
      // The usual places on that host; this machine's XDG_RUNTIME_DIR is not its.
      locations: defaultLocations({}),
      // A listing over ssh costs a round trip per root: polled less often.
      pollMs: Math.max(pollMs, REMOTE_POLL_MS),
    });
  });
  const on = (name?: string) => registry.get(name ?? LOCAL);
  const allHosts = new AllHosts(registry, () => hosts.listHosts());
  const migrate = new MigrateService({ hosts: registry, runner, changed: (name) => on(name).then((s) => s.containers.announceChange()) });

  return {
    dataDir,
    getOverview: async (r) => {
      const s = await on(r.host);
      const overview = await s.overview.getOverview();
      return { ...overview, host: s.name, roots: overview.roots.map((root) => ({ ...root, host: s.name })) };
    },
    listContainers: async (r) => {
      if (r.allHosts) return allHosts.listContainers(r.root);
      const s = await on(r.host);
      return onHost(await s.containers.listContainers(r), s.name);
    },
    getContainer: async (r) => {
      const s = await on(r.host);
      const details = await s.containers.getContainer(r);
      return { ...details, container: { ...details.container, host: s.name } };
    },
    startDemo: async (r) => (await on(r.host)).containers.startDemo(r),
    stopContainer: async (r) => (await on(r.host)).containers.stopContainer(r),
    addRoot: async (r) => {
      const s = await on(r.host);
      return (await s.roots.addRoot(r)).map((root) => ({ ...root, host: s.name }));
    },
    removeRoot: async (r) => {
      const s = await on(r.host);
      return (await s.roots.removeRoot(r)).map((root) => ({ ...root, host: s.name }));
    },
    getSettings: async (r) => (await on(r.host)).settingsService.getSettings(),
    updateSettings: async (r) => (await on(r.host)).settingsService.updateSettings(r),
    planCheckpoint: async (r) => (await on(r.host)).checkpoint.planCheckpoint(r),
    checkpoint: async (r) => (await on(r.host)).checkpoint.checkpoint(r),
    getJob: (r) => jobs.getJob(r),
    getJobLog: (r) => jobs.getJobLog(r),
    listJobs: (r) => jobs.listJobs(r),
    cancelJob: (r) => jobs.cancelJob(r),
    listJobFiles: (r) => review.listJobFiles(r),
    getJobFile: (r) => review.getJobFile(r),
    compareJobs: (r) => review.compareJobs(r),
    exportJobReport: (r) => review.exportJobReport(r),
    getJobReport: (r) => review.getJobReport(r),
    listDirectory: async (r) => (await on(r.host)).images.listDirectory(r),
    listImages: async (r) => {
      const s = await on(r.host);
      const list = await s.images.listImages();
      return { ...list, images: list.images.map((image) => ({ ...image, host: s.name })) };
    },
    inspectImage: async (r) => {
      const s = await on(r.host);
      return { ...(await s.images.inspectImage(r)), host: s.name };
    },
    addImageDir: async (r) => (await on(r.host)).images.addImageDir(r),
    removeImageDir: async (r) => (await on(r.host)).images.removeImageDir(r),
    planRestore: async (r) => (await on(r.host)).restore.planRestore(r),
    restore: async (r) => (await on(r.host)).restore.restore(r),
    deleteImage: async (r) => (await on(r.host)).images.deleteImage(r),
    listHosts: () => hosts.listHosts(),
    addHost: (r) => hosts.addHost(r),
    removeHost: async (r) => {
      const left = await hosts.removeHost(r);
      registry.forget(r.name);
      return left;
    },
    testHost: (r) => hosts.testHost(r),
    planMigrate: (r) => migrate.planMigrate(r),
    migrate: (r) => migrate.migrate(r),
    on: (event, listener) => events.on(event, listener),
    async close() {
      await runner.idle();
      registry.closeAll();
      await hosts.close();
      events.clear();
    },
  };
}
