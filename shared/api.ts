// The DeskApi: one typed map of calls and events. The service implements it, the
// preload exposes it, the HTTP client speaks it, and the renderer only ever sees it.
import type { DeskMethod, RequestInput } from './schemas';
import type {
  ContainerDetails,
  ContainerList,
  HostInfo,
  HostTest,
  Overview,
  RootInfo,
  Settings,
} from './model';
import type { CheckpointPlan, DirListing, Job, JobComparison, JobFile, JobLogPage, LogLine, MigratePlan } from './jobs';
import type { DeleteImageResult, ImageDetails, ImageList, RestorePlan } from './images';

/** The answer of each call. */
export interface DeskResults {
  getOverview: Overview;
  listContainers: ContainerList;
  getContainer: ContainerDetails;
  startDemo: { root: string; id: string };
  stopContainer: { root: string; id: string };
  addRoot: RootInfo[];
  removeRoot: RootInfo[];
  getSettings: Settings;
  updateSettings: Settings;
  planCheckpoint: CheckpointPlan;
  checkpoint: { jobId: string };
  getJob: Job;
  getJobLog: JobLogPage;
  listJobs: Job[];
  cancelJob: Job;
  listJobFiles: JobFile[];
  getJobFile: JobLogPage;
  compareJobs: JobComparison;
  /** The .tar.gz written into the job folder. */
  exportJobReport: { path: string; bytes: number };
  /** The report's bytes (written first when missing), for a download in the browser shell. */
  getJobReport: { path: string; name: string; bytes: number; base64: string };
  listDirectory: DirListing;
  listImages: ImageList;
  inspectImage: ImageDetails;
  addImageDir: ImageList;
  removeImageDir: ImageList;
  planRestore: RestorePlan;
  restore: { jobId: string };
  deleteImage: DeleteImageResult;
  listHosts: HostInfo[];
  addHost: HostInfo[];
  removeHost: HostInfo[];
  testHost: HostTest;
  planMigrate: MigratePlan;
  migrate: { jobId: string };
}

/** Pushed from the service to every window. */
export interface DeskEvents {
  /** After a job changes a container, and on a 3 s poll while a window listens. */
  'containers:changed': ContainerList;
  /** A job's status, steps or progress changed. */
  'job:update': Job;
  /** New log lines, batched (at most ~20 messages a second per job). `from` is the first line's offset. */
  'job:log': { jobId: string; from: number; lines: LogLine[] };
}

export type DeskEventName = keyof DeskEvents;
export const DESK_EVENTS: DeskEventName[] = ['containers:changed', 'job:update', 'job:log'];

export type DeskCalls = {
  [M in DeskMethod]: (request: RequestInput<M>) => Promise<DeskResults[M]>;
};

export interface DeskApi extends DeskCalls {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void;
}

/** IPC channel names: one per call, and one for all events. */
export const ipcChannel = (method: DeskMethod): string => `desk:${method}`;
export const IPC_EVENT_CHANNEL = 'desk:event';

/** What main answers over IPC, so the error's code and details survive the trip. */
export type IpcAnswer<T> = { ok: true; result: T } | { ok: false; error: import('./errors').DeskErrorShape };
