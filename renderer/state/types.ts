// The shape of the renderer's one store. Each slice owns a part; actions live in it.
import type { DeskErrorShape } from '../../shared/errors';
import type { DeleteImageResult, ImageDetails, ImageList, ImageSummary, RestorePlan } from '../../shared/images';
import type { CheckpointPlan, Job, Problem } from '../../shared/jobs';
import type { CudaPolicy } from '../../shared/gpu';
import type { ContainerDetails, ContainerList, Overview, Settings } from '../../shared/model';
import type { RequestInput } from '../../shared/schemas';
import type { ThemeChoice } from '../lib/theme';
import type { PlanDialog } from './plan-slice';

export type ViewName = 'containers' | 'images' | 'jobs' | 'runtime' | 'settings';
export interface ContainerRef {
  root: string;
  id: string;
}
export type Show = 'running' | 'all';
export interface ContainerFilter {
  /** Matched against id and bundle, case-insensitively. */
  search: string;
  show: Show;
}

/** Actions a person starts with a button; each has its own busy flag and error. */
export type ActionName =
  | 'startDemo'
  | 'stopContainer'
  | 'addRoot'
  | 'removeRoot'
  | 'updateSettings'
  | 'cancelJob'
  | 'addImageDir'
  | 'removeImageDir';

export interface OverviewSlice {
  overview: Overview | null;
  overviewLoading: boolean;
  overviewError: DeskErrorShape | null;
  settings: Settings | null;
  settingsLoading: boolean;
  settingsError: DeskErrorShape | null;
  refreshOverview(): Promise<void>;
  loadSettings(): Promise<void>;
  addRoot(path: string, globalFlags: string[]): Promise<boolean>;
  removeRoot(path: string): Promise<boolean>;
  updateSettings(patch: RequestInput<'updateSettings'>): Promise<boolean>;
}

export interface ContainersSlice {
  containers: ContainerList | null;
  containersLoading: boolean;
  containersError: DeskErrorShape | null;
  filter: ContainerFilter;
  selected: ContainerRef | null;
  details: ContainerDetails | null;
  detailsLoading: boolean;
  detailsError: DeskErrorShape | null;
  refreshContainers(): Promise<void>;
  /** Takes a listing (from a refresh or the `containers:changed` event) unless a newer one is in. */
  applyContainerList(list: ContainerList): void;
  setFilter(patch: Partial<ContainerFilter>): void;
  /** Opens the details panel and reads the container; null closes it. */
  selectContainer(ref: ContainerRef | null): Promise<void>;
  startDemo(): Promise<boolean>;
  stopContainer(ref: ContainerRef): Promise<boolean>;
}

export interface UiSlice {
  view: ViewName;
  setView(view: ViewName): void;
  /** Light, dark, or whatever the system says; applied to <html> and remembered. */
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
}

export interface ActionsSlice {
  pending: Partial<Record<ActionName, boolean>>;
  actionErrors: Partial<Record<ActionName, DeskErrorShape | null>>;
  clearActionError(name: ActionName): void;
}

/** "failures": failed or interrupted, the jobs someone has to read. */
export type JobFilter = 'all' | 'failures';

export interface JobsSlice {
  /** Newest first; kept fresh by `job:update`, even before the list was read. */
  jobs: Job[];
  jobsLoaded: boolean;
  jobsLoading: boolean;
  jobsError: DeskErrorShape | null;
  jobFilter: JobFilter;
  selectedJobId: string | null;
  refreshJobs(): Promise<void>;
  /**
   * Takes a job. An event is the latest word; a read (getJob, listJobs) may be older
   * than an event already in, so it never takes a job back from finished to running.
   */
  applyJob(job: Job, from: 'event' | 'read'): void;
  setJobFilter(filter: JobFilter): void;
  /** Opens a job's details and reads it again; null closes them. */
  selectJob(jobId: string | null): Promise<void>;
  /** Goes to Jobs with this job open (from a notice, a dialog or an image's details). */
  openJob(jobId: string): void;
  cancelJob(jobId: string): Promise<boolean>;
}

export interface Notice {
  id: string;
  tone: 'error' | 'success';
  message: string;
  jobId: string | null;
}

export interface NoticesSlice {
  /** Oldest first. Errors stay until dismissed; successes leave on their own. */
  notices: Notice[];
  pushNotice(notice: Omit<Notice, 'id'>, autoDismissMs?: number): string;
  dismissNotice(id: string): void;
}

/** The dialog's fields as typed; toCheckpointRequest turns them into a request. */
export interface CheckpointForm {
  imagePath: string;
  leaveRunning: boolean;
  /** '' leaves the choice to runsc. */
  compression: '' | 'none' | 'flate-best-speed';
  direct: boolean;
  excludeCommittedZeroPages: boolean;
  /** As typed; split by tokenizeFlags. */
  extraFlags: string;
  /** The GPU section's fields; sent only for a GPU container. */
  cudaPolicy: CudaPolicy;
  /** '' leaves it to the Desk (DEFAULT_CUDA_PATH). */
  cudaPath: string;
  cudaSequential: boolean;
  /** A Docker container's checkpoint name; '' leaves it to the Desk (desk-<time>). */
  checkpointName: string;
}

/** Checkpoint one container; the plan-then-submit state comes from PlanDialog. */
export interface CheckpointDialog extends PlanDialog<CheckpointForm, CheckpointPlan> {
  target: ContainerRef;
  /** A GPU container: the dialog shows its GPU section and sends `cuda`. */
  gpu: boolean;
}

export interface CheckpointSlice {
  checkpoint: CheckpointDialog | null;
  /** `form`: the choices to start from ("Try again" fills the failed job's). */
  openCheckpoint(target: ContainerRef, form?: Partial<CheckpointForm>): void;
  closeCheckpoint(): void;
  /** Edits the form and asks for a new plan after a short pause in typing. */
  setCheckpointForm(patch: Partial<CheckpointForm>): void;
  /** Asks for a plan now; answers to older asks are dropped. */
  planCheckpointNow(): Promise<void>;
  submitCheckpoint(): Promise<boolean>;
}

export type ImageSortKey = 'created' | 'size' | 'container' | 'state';
export interface ImageSort {
  key: ImageSortKey;
  dir: 'asc' | 'desc';
}
/** "problems": partial or unreadable, the images that need a look before a restore. */
export type ImageStateFilter = 'all' | 'complete' | 'problems';

export interface ImagesSlice {
  /** Newest first, as the service lists them; the view sorts its own copy. */
  images: ImageList | null;
  imagesLoading: boolean;
  imagesError: DeskErrorShape | null;
  imageSort: ImageSort;
  /** Matched against container id and path, case-insensitively. */
  imageSearch: string;
  imageFilter: ImageStateFilter;
  selectedImage: string | null;
  imageDetails: ImageDetails | null;
  imageDetailsLoading: boolean;
  imageDetailsError: DeskErrorShape | null;
  refreshImages(): Promise<void>;
  /** A click on a column header: the same column flips, another starts in its natural order. */
  sortImagesBy(key: ImageSortKey): void;
  setImageSearch(search: string): void;
  setImageFilter(filter: ImageStateFilter): void;
  /** Opens an image's details panel and inspects it; null closes it. */
  selectImage(path: string | null): Promise<void>;
  addImageDir(path: string): Promise<boolean>;
  removeImageDir(path: string): Promise<boolean>;
  /** A job ended: what it wrote, restored or deleted shows in the list. Once per job. */
  imagesAfterJob(job: Job): void;
}

/** The restore dialog's fields as typed; '' leaves the field to the image record. */
export interface RestoreForm {
  root: string;
  id: string;
  bundle: string;
  direct: boolean;
  background: boolean;
  /** As typed; split by tokenizeFlags. */
  extraFlags: string;
  /** The runsc binary picked; '' leaves it to the plan (the version that made the image). */
  runsc: string;
  /** Restore with another runsc version anyway: runsc will most likely refuse the image. */
  allowVersionMismatch: boolean;
}

/** Restore one image; the plan-then-submit state comes from PlanDialog. */
export interface RestoreDialog extends PlanDialog<RestoreForm, RestorePlan> {
  image: ImageSummary;
  /** The container the submitted plan restores: where "Show container" goes. */
  restored: ContainerRef | null;
}

export interface RestoreSlice {
  restore: RestoreDialog | null;
  openRestore(image: ImageSummary): void;
  closeRestore(): void;
  setRestoreForm(patch: Partial<RestoreForm>): void;
  planRestoreNow(): Promise<void>;
  submitRestore(): Promise<boolean>;
  /** Closes the dialog and opens the restored container in Containers. */
  showRestoredContainer(): void;
}

export interface ImageDeletion {
  path: string;
  pending: boolean;
  result: DeleteImageResult | null;
  error: DeskErrorShape | null;
}

export interface DeleteSlice {
  /** The last deletion asked for; its result stays until another image is opened. */
  imageDelete: ImageDeletion | null;
  deleteImage(path: string): Promise<boolean>;
  clearImageDelete(): void;
}

export type { PlanDialog, Problem };

export type DeskState = OverviewSlice &
  ContainersSlice &
  UiSlice &
  ActionsSlice &
  JobsSlice &
  NoticesSlice &
  CheckpointSlice &
  ImagesSlice &
  RestoreSlice &
  DeleteSlice;
