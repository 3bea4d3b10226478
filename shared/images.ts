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
  cuda: { outcome: string; processes?: { pid: number; command: string }[] } | null;
  warnings: string[];
}
