// The Host seam: where processes run and files live. Every module of the service asks a
// Host, never node:fs or execa, so a remote host (over SSH) can stand behind the same
// calls. Errors from file calls carry Node's errno names in `code` (ENOENT, EACCES…),
// whatever the transport, because callers tell "missing" from "refused" by them.
import { totalmem } from 'node:os';

export type OutputStream = 'stdout' | 'stderr';

export interface RunRequest {
  /** The program and its arguments; never a shell line. */
  argv: string[];
  /** Added to the host's environment. */
  env?: Record<string, string>;
  /** Stops the process after this long: SIGTERM, then SIGKILL after killGraceMs. */
  timeoutMs?: number;
  signal?: AbortSignal;
  killGraceMs?: number;
  /** Each output line as it arrives; streamed output is not also kept whole. */
  onLine?: (stream: OutputStream, text: string) => void;
  /**
   * For detached runs (`runsc run -detach`, `restore -detach`): the process hands its
   * stdio to a child that lives on and keeps a pipe open forever, so stdout and stderr
   * go to this file (appended), and what landed there is read back into `stderr`.
   */
  outputFile?: string;
}

export interface RunResult {
  /** The exact command line. */
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  /** Whole when not streamed; else the last lines. */
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not start (ENOENT, EACCES): why. */
  spawnError: string | null;
  durationMs: number;
}

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface FileStat {
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
  /**
   * "device:inode": the file itself, whatever path reached it. /bin/runsc and
   * /usr/bin/runsc on a merged-/usr system are one binary under two names.
   */
  fileId: string;
}

export interface DirEntry {
  name: string;
  /** As the directory says: a symlink is a symlink, never what it points to. */
  kind: EntryKind;
}

/**
 * An open file that is only appended to. Writes are queued and land in order, after
 * write() returns: a job's log takes runsc's output at tens of MB/s, and copying it into
 * the file on the service's one thread held everything else up.
 */
export interface AppendHandle {
  /** The size when opened. */
  readonly startSize: number;
  write(data: string | Buffer): void;
  /** Resolves once every write so far has landed; rejects with the first that failed. */
  written(): Promise<void>;
  /** After the queued writes; rejects like written(). */
  close(): Promise<void>;
}

/** A process whose stdin and stdout are byte streams: one end of a transfer between hosts. */
export interface PipeRequest {
  argv: string[];
  env?: Record<string, string>;
  /** Ends the process (SIGTERM, then SIGKILL after killGraceMs); done then says cancelled. */
  signal?: AbortSignal;
  killGraceMs?: number;
}

export interface PipeExit {
  argv: string[];
  exitCode: number | null;
  signal: string | null;
  /** The last 64 KiB it wrote to stderr. */
  stderr: string;
  cancelled: boolean;
  spawnError: string | null;
}

export interface PipeProcess {
  /** Ending it is the process's end of input. */
  stdin: import('node:stream').Writable;
  stdout: import('node:stream').Readable;
  done: Promise<PipeExit>;
}

/**
 * One path of a batch check: what stat (following symlinks) found, and whether this
 * process may execute (or, for a folder, enter) it; or, when stat failed, why, with
 * the errno name in `error.code`.
 */
export type PathCheck =
  | { path: string; stat: FileStat; executable: boolean; error: null }
  | { path: string; stat: null; executable: false; error: { code: string; message: string } };

export interface Host {
  /** Which machine: 'local' for this one. Caches key by it, since one path on two hosts is two files. */
  readonly name: string;
  run(request: RunRequest): Promise<RunResult>;
  /** Follows symlinks unless `noFollow`; rejects (ENOENT…) when the path is not there. */
  stat(path: string, options?: { noFollow?: boolean }): Promise<FileStat>;
  /**
   * stat and the execute check of many paths in one go, in the order given: one round
   * trip on a remote host, where each stat alone is one. A Host without it is asked
   * path by path (see checkPaths).
   */
  statMany?(paths: string[]): Promise<PathCheck[]>;
  /**
   * The PATH a program started on this host is looked up on: this process's here, the
   * login's on a server (where runsc may live in /usr/local/bin, or somewhere only that
   * server's profile adds). Absent: this process's own.
   */
  searchPath?(): Promise<string>;
  /** The host's physical memory in bytes. Absent: this machine's. */
  totalMemory?(): Promise<number>;
  /** The uid commands run as there. Absent: this process's. */
  userId?(): Promise<number>;
  /** Whether this process may write (and enter) or execute the path. */
  access(path: string, want: 'write' | 'execute'): Promise<boolean>;
  readdir(path: string): Promise<DirEntry[]>;
  /** Up to `length` bytes from `offset`; fewer at the end of the file. */
  readRange(path: string, offset: number, length: number): Promise<Buffer>;
  readFile(path: string): Promise<string>;
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void>;
  /** A crash leaves either the old or the new content, never half. Creates the folder. */
  writeFileAtomic(path: string, content: string, mode?: number): Promise<void>;
  /** Creates the file (mode) when missing. */
  openAppend(path: string, mode?: number): Promise<AppendHandle>;
  copyFile(from: string, to: string): Promise<void>;
  /** A file, or a folder (empty unless `recursive`). */
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  /** Bytes free to this user on the file system holding `path`. */
  freeBytes(path: string): Promise<number>;
  /** Free (to this user) and total bytes of the file system holding `path`. */
  diskSpace?(path: string): Promise<{ freeBytes: number; totalBytes: number }>;
  /**
   * Starts a process whose stdin and stdout the caller streams (tar between hosts). A
   * Host without it cannot be a migration's end.
   */
  runPipe?(request: PipeRequest): Promise<PipeProcess>;
}

/** Where a program is looked for on the host (see Host.searchPath). */
export async function searchPathOf(host: Host): Promise<string> {
  return host.searchPath ? host.searchPath() : (process.env.PATH ?? '');
}

/** The host's memory in bytes, or null when it cannot say. */
export async function totalMemoryOf(host: Host): Promise<number | null> {
  if (!host.totalMemory) return totalmem();
  return host.totalMemory().catch(() => null);
}

/** Whether commands on the host run as root (null: it cannot say). */
export async function runsAsRoot(host: Host): Promise<boolean | null> {
  if (!host.userId) return process.getuid ? process.getuid() === 0 : null;
  return host.userId().then(
    (uid) => uid === 0,
    () => null,
  );
}

/** The errno name of a Host error, or undefined. */
export function errorCode(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code === undefined ? undefined : String((error as { code: unknown }).code);
}

/** Many paths' stat and execute check, at once where the Host can (see Host.statMany). */
export async function checkPaths(host: Host, paths: string[]): Promise<PathCheck[]> {
  if (paths.length === 0) return [];
  if (host.statMany) return host.statMany(paths);
  return Promise.all(paths.map((path) => checkPath(host, path)));
}

async function checkPath(host: Host, path: string): Promise<PathCheck> {
  try {
    const stat = await host.stat(path);
    return { path, stat, executable: await host.access(path, 'execute'), error: null };
  } catch (error) {
    return { path, stat: null, executable: false, error: { code: errorCode(error) ?? 'EIO', message: (error as Error).message } };
  }
}
