// Jobs: each checkpoint, restore or delete a person starts. A job keeps its steps, the
// exact commands, its log and its outcome, on disk, so a failure can be read later.
import type { Diagnosis, DeskErrorShape, ErrorCode } from './errors';

export type JobKind = 'checkpoint' | 'restore' | 'delete' | 'migrate';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export const JOB_STATUSES: JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
export const FINISHED_STATUSES: JobStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export interface JobStep {
  /** preflight, cuda, runsc, delete, restore, record… */
  name: string;
  /** What it does, in a person's words. */
  title: string;
  status: StepStatus;
  /** The exact command, when the step runs one. */
  argv: string[] | null;
  startedAt: number | null;
  endedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  stdoutLines: number;
  stderrLines: number;
}

export interface Job {
  id: string;
  kind: JobKind;
  /** Named after what the person did: "Checkpoint web-1". */
  title: string;
  /** `host`: where its steps run ('local' when absent); a migration's is the source. */
  target: { root: string; id: string; host?: string };
  /** The request as given. */
  options: Record<string, unknown>;
  status: JobStatus;
  steps: JobStep[];
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  warnings: string[];
  /** Things the person should know that are not warnings ("the PID changed"). */
  notes: string[];
  diagnosis: Diagnosis | null;
  error: DeskErrorShape | null;
  imagePath: string | null;
  /** Bytes in the image folder, sampled while runsc writes. */
  imageBytes: number | null;
  /** Folders this job created; a cancelled job offers to remove what it wrote there. */
  createdDirs: string[];
  logLines: number;
  /** What happened to the GPU state (checkpoint), or what was done to give it back (restore). */
  cuda?: import('./gpu').CudaOutcome | null;
  /** The request as the person sent it (no defaults filled in): what "Run again" sends. */
  request?: Record<string, unknown>;
  /** The failed job this one runs again ("Run again with debug logs"). */
  rerunOf?: string | null;
  /** Where runsc wrote its --debug-log files (the job folder's runsc-debug/), when asked. */
  debugLogDir?: string | null;
  /** What the job ran with, recorded as it starts, for compareJobs and the report. */
  facts?: JobFacts | null;
  /** A migration's copy of the image between hosts, as it goes. */
  transfer?: TransferProgress | null;
}

export interface TransferProgress {
  from: string;
  to: string;
  bytes: number;
  totalBytes: number;
  /** Over the last second or so. */
  bytesPerSecond: number;
  files: number;
  /** Which way the bytes go: straight from the source to the target, or through this machine. */
  route?: 'direct' | 'through-desk';
  /** Through this machine although both ends are remote: why not directly, in ssh's words. */
  routeWhy?: string | null;
}

/** What migrate will do, and what stands in its way. */
export interface MigratePlan {
  problems: Problem[];
  warnings: string[];
  source: { host: string; root: string; id: string; bundle: string | null; runscVersion: string | null; imagePath: string };
  target: { host: string; root: string; id: string; runscVersion: string | null; imagePath: string; freeBytes: number | null };
  /** The checkpoint's expected size (the sandbox's memory), when known. */
  estimatedBytes: number | null;
}

/** The circumstances of a runsc job: what differs between a failure and the last success. */
export interface JobFacts {
  /** The Host's name: 'local' for this machine. */
  host: string;
  runscPath: string;
  runscVersion: string;
  /** The root's global flags profile, as passed. */
  globalFlags: string[];
  bundle: string | null;
  /** sha256 of the bundle's config.json when the job started; null when unreadable. */
  specDigest: string | null;
  /** Bytes free where the image is written (checkpoint) or read from (restore). */
  freeBytes: number | null;
  /** The image's size: the container's memory estimate (checkpoint) or the image folder (restore). */
  imageBytes: number | null;
}

/** A file a job kept beside its log: runsc's debug logs, the container's stdio. */
export interface JobFile {
  /** Relative to the job folder, e.g. runsc-debug/runsc.log.20240729-120000.123456.restore.txt. */
  name: string;
  kind: 'debug-log' | 'stdio' | 'report';
  bytes: number;
  mtimeMs: number;
}

/** One thing that differs between two jobs. */
export interface CompareRow {
  field: string;
  before: string;
  after: string;
}

export interface JobComparison {
  jobId: string;
  /** The succeeded job compared with; null when there is none. */
  withJobId: string | null;
  /** Only the rows that differ. */
  rows: CompareRow[];
  /** Said when there is nothing to compare with, or nothing differs. */
  message: string | null;
}

export type LogStream = 'stdout' | 'stderr' | 'desk';

export interface LogLine {
  /** ms since the epoch */
  t: number;
  stream: LogStream;
  text: string;
}

export interface JobLogPage {
  lines: LogLine[];
  /** The offset to ask for next. */
  next: number;
  /** Lines in the log so far. */
  total: number;
}

/** A reason the plan refuses; field is the request field at fault. */
export interface Problem {
  code: ErrorCode;
  field: string;
  message: string;
}

export interface CheckpointPlan {
  /** The exact runsc command the job will run (privilege prefix included). */
  argv: string[];
  problems: Problem[];
  warnings: string[];
  imagePath: string;
  /** Other commands the job will run, in order, e.g. the restore that emulates leave-running on 2022 runsc. */
  followUps: { title: string; argv: string[] }[];
  /** Where runsc has --compression: Fastest and Smallest with their estimates, and which one, and why. */
  speed?: CheckpointSpeed | null;
}

/** One way to write the image, with what the Desk expects of it on this disk. */
export interface CompressionChoice {
  compression: 'none' | 'flate-best-speed';
  label: string;
  estimatedBytes: number | null;
  estimatedMs: number | null;
  /** Where the estimate comes from: past checkpoints into the same folder, or a first estimate. */
  basis: string;
}

export interface CheckpointSpeed {
  chosen: CompressionChoice['compression'];
  reason: string;
  choices: CompressionChoice[];
  /** True when the Desk chose; false when the request named one. */
  defaulted: boolean;
}

export interface DirEntry {
  name: string;
  path: string;
  isDir: boolean;
  /** Holds a checkpoint.img. */
  isImage: boolean;
}

export interface DirListing {
  path: string;
  parent: string | null;
  entries: DirEntry[];
  /** Whether the Desk may write here. */
  writable: boolean;
}

export type JobError = DeskErrorShape;
