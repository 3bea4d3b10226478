// The image record: checkpoint-desk.json, written into the image folder. runsc ignores
// it; restore reads it to offer the same bundle and global flags, since a mismatch
// breaks a restore.

export const RECORD_FILE = 'checkpoint-desk.json';

export interface ImageRecord {
  format: 1;
  /** complete: runsc finished; partial: the job that wrote it failed or was cancelled. */
  state: 'complete' | 'partial';
  reason?: string;
  jobId: string;
  containerId: string;
  root: string;
  bundle: string;
  globalFlags: string[];
  runscVersion: string;
  runscPath: string;
  argv: string[];
  leaveRunning: boolean;
  compression: string | null;
  startedAt: number;
  durationMs: number;
  files: { name: string; bytes: number }[];
  totalBytes: number;
  /** What happened to GPU state; null when the container has none. */
  cuda: import('./gpu').CudaOutcome | null;
  warnings: string[];
}

/** The files runsc writes into an image folder; the only ones deleteImage removes. */
export const IMAGE_CONTENT_FILES = ['checkpoint.img', 'pages_meta.img', 'pages.img', 'fscheckpoint.pb', 'multitar.img', RECORD_FILE];

export type ImageState = 'complete' | 'partial' | 'unreadable';

export interface ImageFile {
  name: string;
  bytes: number;
}

export interface ImageSummary {
  /** The host the image is on: 'local' for this machine. */
  host?: string;
  path: string;
  state: ImageState;
  /** Why it is partial or unreadable. */
  reason: string | null;
  files: ImageFile[];
  totalBytes: number;
  /** ms since the epoch: the record's start, else the statefile's mtime. */
  createdAt: number;
  containerId: string | null;
  runscVersion: string | null;
  compression: string | null;
  record: ImageRecord | null;
  /** A checkpoint Docker keeps for one of its containers: restored and deleted through Docker. */
  docker?: DockerCheckpointRef;
}

export interface DockerCheckpointRef {
  containerId: string;
  /** Docker's container name, without the leading slash. */
  containerName: string;
  checkpoint: string;
  runtime: string;
}

export interface ContainerSpecSummary {
  id: string;
  command: string[];
  mounts: { destination: string; type: string; source: string }[];
  devices: string[];
}

export interface ImageDetails extends ImageSummary {
  /** The gVisorSF header's metadata, as runsc wrote it. */
  metadata: Record<string, string>;
  containers: ContainerSpecSummary[];
  jobs: import('./jobs').Job[];
}

/** A scanned image folder, with what its images use against its disk. */
export interface ImageDirInfo {
  path: string;
  removable: boolean;
  error: string | null;
  /** The bytes the images found under it hold. */
  imageBytes?: number;
  /** The file system holding it; null when it could not be read. */
  disk?: { freeBytes: number; totalBytes: number | null } | null;
}

export interface ImageList {
  images: ImageSummary[];
  dirs: ImageDirInfo[];
}

export interface RestorePlan {
  argv: string[];
  problems: import('./jobs').Problem[];
  warnings: string[];
  /** The request with the record's defaults filled in. */
  /** `runsc`: the binary that will restore it (the one whose version made the image, by default). */
  resolved: { imagePath: string; root: string; id: string; bundle: string; runsc?: string };
  /** Where each default came from, to say so in the dialog. */
  defaults: { field: string; from: string }[];
  /** The stopped container of the same id the restore deletes first and brings back in place; null for a new one. */
  replaces?: string | null;
}

export interface DeleteImageResult {
  removed: string[];
  /** Files the Desk does not know as image content: left alone. */
  kept: string[];
  folderRemoved: boolean;
}
