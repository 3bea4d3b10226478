// createDesk: composes the Desk service once, from a Host, its settings and its jobs,
// into the object both shells call through dispatch(). It only wires; each call lives
// in the service of its domain.
import { join } from 'node:path';
import type { PrivilegeMode } from '../../shared/model';
import type { DeskService } from './handlers';
import { listDockerCheckpoints } from './docker/checkpoints';
import { DockerEngine, type Engine } from './docker/engine';
import { DockerLister } from './docker/listing';
import { RuntimeVersions } from './docker/runtimes';
import { LocalHost } from './host/local-host';
import { JobStore } from './jobs/job-store';
import { JobRunner } from './jobs/runner';
import { DockerManager } from './managers/docker-manager';
import { Managers } from './managers/manager';
import { ReadOnlyManager } from './managers/read-only-manager';
import { RunscManager } from './managers/runsc-manager';
import { defaultLocations, type KnownLocations } from './roots';
import { CheckpointService } from './services/checkpoint-service';
import { ContainersService } from './services/containers-service';
import { EventBus } from './services/events';
import { HostsService } from './services/hosts-service';
import { ImagesService } from './services/images-service';
import { JobsService } from './services/jobs-service';
import { OverviewService } from './services/overview-service';
import { RestoreService } from './services/restore-service';
import { ReviewService } from './services/review-service';
import { RootsService } from './services/roots-service';
import { RuntimeService } from './services/runtime-service';
import { SettingsService } from './services/settings-service';
import { SettingsStore } from './settings';
import packageJson from '../../package.json';

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
  const dockerLister = new DockerLister(options.docker ?? new DockerEngine());
  const managers = new Managers({
    runsc,
    docker: new DockerManager(dockerLister, new RuntimeVersions(host)),
    containerd: new ReadOnlyManager('containerd'),
  });
  const runtime = new RuntimeService(host, settings, options.queryTimeoutMs);
  // Roots and settings announce changes and answer with the overview: both are wired late.
  let containers: ContainersService;
  let overview: OverviewService;
  const changed = () => containers.announceChange();
  const roots = new RootsService({
    host,
    settings,
    runtime,
    deskRoot: join(dataDir, 'root'),
    locations: options.locations ?? defaultLocations(),
    changed,
    rootInfos: async () => (await overview.getOverview()).roots,
  });
  containers = new ContainersService({ host, runtime, roots, managers, events, dataDir, pollMs: options.pollMs ?? 3000, docker: dockerLister });
  overview = new OverviewService({ runtime, roots, containers, settings, dataDir });
  const images = new ImagesService({
    host,
    settings,
    jobs: store,
    imagesDir: join(dataDir, 'images'),
    // Docker's checkpoints are images only where the Desk knows a Docker root.
    docker: {
      engine: dockerLister.engine,
      checkpoints: async () => ((await roots.resolve(await runtime.current())).some((r) => r.manager === 'docker') ? listDockerCheckpoints(dockerLister) : []),
    },
  });
  const checkpoint = new CheckpointService({ runtime, roots, containers, managers, runner, imagesDir: images.imagesDir });
  const restore = new RestoreService({ runtime, roots, containers, images, managers, runner, docker: dockerLister.engine });
  const jobs = new JobsService(store, runner);
  const review = new ReviewService(store, runner, packageJson.version);
  const settingsService = new SettingsService(settings, changed);
  const sshUser = options.owner && { uid: options.owner.uid, gid: options.owner.gid, ...(options.owner.sshAuthSock ? { authSock: options.owner.sshAuthSock } : {}) };
  const hosts = new HostsService({ local: host, settings, dataDir, ...(sshUser ? { sshUser } : {}) });

  return {
    dataDir,
    getOverview: () => overview.getOverview(),
    listContainers: (r) => containers.listContainers(r),
    getContainer: (r) => containers.getContainer(r),
    startDemo: (r) => containers.startDemo(r),
    stopContainer: (r) => containers.stopContainer(r),
    addRoot: (r) => roots.addRoot(r),
    removeRoot: (r) => roots.removeRoot(r),
    getSettings: () => settingsService.getSettings(),
    updateSettings: (r) => settingsService.updateSettings(r),
    planCheckpoint: (r) => checkpoint.planCheckpoint(r),
    checkpoint: (r) => checkpoint.checkpoint(r),
    getJob: (r) => jobs.getJob(r),
    getJobLog: (r) => jobs.getJobLog(r),
    listJobs: (r) => jobs.listJobs(r),
    cancelJob: (r) => jobs.cancelJob(r),
    listJobFiles: (r) => review.listJobFiles(r),
    getJobFile: (r) => review.getJobFile(r),
    compareJobs: (r) => review.compareJobs(r),
    exportJobReport: (r) => review.exportJobReport(r),
    getJobReport: (r) => review.getJobReport(r),
    listDirectory: (r) => images.listDirectory(r),
    listImages: () => images.listImages(),
    inspectImage: (r) => images.inspectImage(r),
    addImageDir: (r) => images.addImageDir(r),
    removeImageDir: (r) => images.removeImageDir(r),
    planRestore: (r) => restore.planRestore(r),
    restore: (r) => restore.restore(r),
    deleteImage: (r) => images.deleteImage(r),
    listHosts: () => hosts.listHosts(),
    addHost: (r) => hosts.addHost(r),
    removeHost: (r) => hosts.removeHost(r),
    testHost: (r) => hosts.testHost(r),
    on: (event, listener) => events.on(event, listener),
    async close() {
      await runner.idle();
      containers.close();
      await hosts.close();
      events.clear();
    },
  };
}
