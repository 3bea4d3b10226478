// A DeskApi for renderer tests: every call is a vi.fn with a sensible answer, and
// `emit` pushes an event the way the service would.
import { vi, type Mock } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents, DeskResults } from '../../../shared/api';
import type { DeleteImageResult, ImageDetails, ImageList, ImageRecord, ImageSummary, RestorePlan } from '../../../shared/images';
import type { CheckpointPlan, DirListing, Job, JobLogPage, LogLine } from '../../../shared/jobs';
import type { Container, ContainerDetails, ContainerList, Overview, RootInfo, Settings } from '../../../shared/model';
import { DESK_METHODS, type DeskMethod } from '../../../shared/schemas';

export const DOCKER_ROOT = '/var/run/docker/runtime-runc/moby';
export const DESK_ROOT = '/var/lib/checkpoint-desk/root';

export function root(path: string, patch: Partial<RootInfo> = {}): RootInfo {
  return {
    path,
    source: 'desk',
    globalFlags: [],
    profileSource: 'none',
    profileProblems: [],
    removable: false,
    manager: 'runsc',
    containerCount: 0,
    error: null,
    ...patch,
  };
}

export function overview(patch: Partial<Overview> = {}): Overview {
  return {
    runsc: { path: '/usr/bin/runsc', tried: ['/usr/bin/runsc'], version: '0.0~20221219.0', capabilities: null, error: null },
    isRoot: true,
    privilege: 'none',
    dataDir: '/var/lib/checkpoint-desk',
    roots: [
      root(DOCKER_ROOT, { source: 'docker', manager: 'docker', globalFlags: ['--platform=systrap'], profileSource: 'docker-daemon.json' }),
      root(DESK_ROOT, { source: 'desk', removable: false }),
    ],
    checkpointOptions: [
      { option: 'imagePath', flag: '--image-path', supported: true, help: 'path to the image' },
      { option: 'compression', flag: '--compression', supported: false, help: null },
    ],
    lookedAt: ['/var/run/docker/runtime-runc/moby', '/run/containerd/runsc/k8s.io'],
    gpu: {
      generation: 'none',
      mode: 'No GPU support in this runsc',
      cudaCheckpoint: { path: null, tried: [], cliLevel: null, version: null, error: null },
      driverVersion: null,
    },
    ...patch,
  };
}

export function container(id: string, patch: Partial<Container> = {}): Container {
  return {
    root: DESK_ROOT,
    id,
    status: 'running',
    pid: 4242,
    bundle: `/var/lib/checkpoint-desk/bundles/${id}`,
    created: new Date(Date.now() - 3 * 60_000).toISOString(),
    annotations: {},
    gpu: false,
    manager: 'runsc',
    ...patch,
  };
}

export function listing(containers: Container[], at = 1000, roots = [DOCKER_ROOT, DESK_ROOT]): ContainerList {
  return {
    containers,
    roots: roots.map((r) => ({ root: r, count: containers.filter((c) => c.root === r).length, error: null })),
    at,
  };
}

export function details(c: Container): ContainerDetails {
  return {
    container: c,
    state: null,
    processes: [{ uid: 'root', pid: 1, ppid: 0, stime: '10:00', time: '00:00:01', cmd: 'sleep 1000' }],
    processesError: null,
    memory: { usageBytes: 5 * 1024 * 1024, limitBytes: null, pids: 1, cpuNanos: null },
    memoryError: null,
    spec: null,
    specError: { code: 'NOT_FOUND', message: 'config.json is not in the bundle' },
    cuda: null,
    cudaError: null,
  };
}

export const settings: Settings = {
  runscPath: null,
  privilege: 'none',
  userRoots: [],
  profiles: {},
  imageDirs: [],
  cudaCheckpointPath: null,
};

export const IMAGES_DIR = '/var/lib/checkpoint-desk/images';

export function imageRecord(patch: Partial<ImageRecord> = {}): ImageRecord {
  return {
    format: 1,
    state: 'complete',
    jobId: 'job-1',
    containerId: 'web-1',
    root: DESK_ROOT,
    bundle: '/var/lib/checkpoint-desk/bundles/web-1',
    globalFlags: ['--network=none'],
    runscVersion: '0.0~20221219.0',
    runscPath: '/usr/bin/runsc',
    argv: ['runsc', '--root', DESK_ROOT, 'checkpoint', `--image-path=${IMAGES_DIR}/web-1/20250101T120000Z`, '--', 'web-1'],
    leaveRunning: false,
    compression: null,
    startedAt: 1_700_000_000_000,
    durationMs: 1840,
    files: [{ name: 'checkpoint.img', bytes: 6 * 1024 * 1024 }],
    totalBytes: 6 * 1024 * 1024,
    cuda: null,
    warnings: [],
    ...patch,
  };
}

/** A complete image of web-1 made by the Desk, unless patched. */
export function imageSummary(path: string, patch: Partial<ImageSummary> = {}): ImageSummary {
  return {
    path,
    state: 'complete',
    reason: null,
    files: [{ name: 'checkpoint.img', bytes: 6 * 1024 * 1024 }],
    totalBytes: 6 * 1024 * 1024,
    createdAt: Date.now() - 2 * 3600_000,
    containerId: 'web-1',
    runscVersion: '0.0~20221219.0',
    compression: 'flate',
    record: imageRecord(),
    ...patch,
  };
}

export function imageList(images: ImageSummary[], dirs: ImageList['dirs'] = [{ path: IMAGES_DIR, removable: false, error: null }]): ImageList {
  return { images, dirs };
}

export function imageDetails(summary: ImageSummary, patch: Partial<ImageDetails> = {}): ImageDetails {
  return {
    ...summary,
    metadata: { runsc_version: summary.runscVersion ?? '', container_specs: '{"web-1":{}}', network: 'none' },
    containers: [
      {
        id: summary.containerId ?? 'web-1',
        command: ['sh', '-c', 'while true; do echo $((i+=1)) > /tmp/count; sleep 1; done'],
        mounts: [{ destination: '/proc', type: 'proc', source: 'proc' }],
        devices: [],
      },
    ],
    jobs: [],
    ...patch,
  };
}

export function restorePlan(patch: Partial<RestorePlan> = {}): RestorePlan {
  const imagePath = `${IMAGES_DIR}/web-1/20250101T120000Z`;
  const bundle = '/var/lib/checkpoint-desk/bundles/web-1';
  return {
    argv: ['runsc', '--root', DESK_ROOT, '--network=none', 'restore', `--image-path=${imagePath}`, `--bundle=${bundle}`, '--detach', 'restored-web-1'],
    problems: [],
    warnings: [],
    resolved: { imagePath, root: DESK_ROOT, id: 'restored-web-1', bundle },
    defaults: [
      { field: 'root', from: 'the image record' },
      { field: 'bundle', from: 'the image record' },
      { field: 'id', from: `the image's container id, which is taken in this root` },
    ],
    ...patch,
  };
}

export const deleteResult = (patch: Partial<DeleteImageResult> = {}): DeleteImageResult => ({
  removed: ['checkpoint.img', 'checkpoint-desk.json'],
  kept: [],
  folderRemoved: true,
  ...patch,
});

export function plan(patch: Partial<CheckpointPlan> = {}): CheckpointPlan {
  const imagePath = `${IMAGES_DIR}/web-1/20250101T120000Z`;
  return {
    argv: ['runsc', '--root', DESK_ROOT, 'checkpoint', `--image-path=${imagePath}`, '--', 'web-1'],
    problems: [],
    warnings: [],
    imagePath,
    followUps: [],
    ...patch,
  };
}

export function job(id: string, patch: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'checkpoint',
    title: 'Checkpoint web-1',
    target: { root: DESK_ROOT, id: 'web-1' },
    options: {},
    status: 'running',
    steps: [],
    createdAt: 1_700_000_000_000,
    startedAt: 1_700_000_000_000,
    endedAt: null,
    warnings: [],
    notes: [],
    diagnosis: null,
    error: null,
    imagePath: `${IMAGES_DIR}/web-1/20250101T120000Z`,
    imageBytes: null,
    createdDirs: [],
    logLines: 0,
    ...patch,
  };
}

/** `count` log lines starting at `from`, text "line <offset>", every third on stderr. */
export function logLines(from: number, count: number, text = (i: number) => `line ${i}`): LogLine[] {
  return Array.from({ length: count }, (_, k) => ({
    t: 1_700_000_000_000 + from + k,
    stream: (from + k) % 3 === 2 ? 'stderr' : 'stdout',
    text: text(from + k),
  }));
}

/** A getJobLog answer served from a log of `total` generated lines. */
export function logPage(all: LogLine[]) {
  return async (request: unknown): Promise<JobLogPage> => {
    const { offset = 0, limit = 10_000 } = request as { offset?: number; limit?: number };
    const lines = all.slice(offset, offset + limit);
    return { lines, next: offset + lines.length, total: all.length };
  };
}

export function dirListing(path: string, patch: Partial<DirListing> = {}): DirListing {
  return { path, parent: path === '/' ? null : path.replace(/\/[^/]*$/, '') || '/', entries: [], writable: true, ...patch };
}

type Calls = { [M in DeskMethod]: Mock<(request: unknown) => Promise<DeskResults[M]>> };

export interface FakeDesk extends DeskApi {
  calls: Calls;
  on: Mock<DeskApi['on']>;
  emit<E extends DeskEventName>(event: E, payload: DeskEvents[E]): void;
  listenerCount(): number;
}

export function fakeDesk(): FakeDesk {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Calls added to the contract later answer with an error until a test gives them one.
  const answers: Partial<{ [M in DeskMethod]: () => DeskResults[M] }> = {
    getOverview: () => overview(),
    listContainers: () => listing([]),
    getContainer: () => details(container('x')),
    startDemo: () => ({ root: DESK_ROOT, id: 'desk-sample' }),
    stopContainer: () => ({ root: DESK_ROOT, id: 'x' }),
    addRoot: () => overview().roots,
    removeRoot: () => overview().roots,
    getSettings: () => settings,
    updateSettings: () => settings,
    planCheckpoint: () => plan(),
    checkpoint: () => ({ jobId: 'job-1' }),
    getJob: () => job('job-1'),
    getJobLog: () => ({ lines: [], next: 0, total: 0 }),
    listJobs: () => [],
    cancelJob: () => job('job-1', { status: 'cancelled' }),
    listDirectory: () => dirListing(IMAGES_DIR),
    listImages: () => imageList([]),
    inspectImage: () => imageDetails(imageSummary(`${IMAGES_DIR}/web-1/20250101T120000Z`)),
    addImageDir: () => imageList([]),
    removeImageDir: () => imageList([]),
    planRestore: () => restorePlan(),
    restore: () => ({ jobId: 'job-2' }),
    deleteImage: () => deleteResult(),
  };
  const calls = Object.fromEntries(
    DESK_METHODS.map((m) => [
      m,
      vi.fn(async () => {
        const answer = answers[m];
        if (!answer) throw new Error(`fakeDesk: no answer for ${m}`);
        return answer();
      }),
    ]),
  ) as unknown as Calls;
  const on = vi.fn((event: string, listener: (payload: never) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  });
  return {
    ...(calls as unknown as DeskApi),
    calls,
    on: on as unknown as FakeDesk['on'],
    emit(event, payload) {
      for (const fn of listeners.get(event) ?? []) fn(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** A promise the test settles by hand, to look at the state in between. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
