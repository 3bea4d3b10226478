// This machine as a Host: execa for processes, node:fs for files. The only module of
// the service that touches either. With an owner, everything it creates at or under
// the owner's folder is handed to that user, so a Desk run as root for a normal user
// (sudo) leaves that user's data dir theirs.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, writeSync, type Stats } from 'node:fs';
import { access, chown, copyFile, lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, statfs, writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { dirname } from 'node:path';
import { execa, type Options } from 'execa';
import { isInside } from '../../../shared/paths';
import type { AppendHandle, DirEntry, EntryKind, FileStat, Host, OutputStream, PipeProcess, PipeRequest, RunRequest, RunResult } from './host';
import { appendQueue } from './append-queue';
import { spawnPipe } from './ssh/pipe-process';

export interface HostOwner {
  uid: number;
  gid: number;
  /** Only what is created at or under this folder is chowned. */
  under: string;
}

/** The last lines of a streamed output kept for the result; the whole is the caller's. */
const TAIL_LINES = 200;
/** What is read back from a detached run's output file. */
const TAIL_BYTES = 64 * 1024;

export class LocalHost implements Host {
  readonly name = 'local';
  private readonly owner: HostOwner | undefined;

  constructor(options: { owner?: HostOwner } = {}) {
    this.owner = options.owner;
  }

  async run(request: RunRequest): Promise<RunResult> {
    const { argv } = request;
    const started = performance.now();
    // A raw descriptor, not execa's {file}: that one still pipes through this process.
    const fd = request.outputFile === undefined ? undefined : await this.openOwned(request.outputFile);
    const toFile = fd !== undefined;
    const startOffset = fd === undefined ? 0 : fstatSync(fd).size;
    // execa documents an integer descriptor for stdout/stderr, but its types omit it.
    const output = (fd ?? 'pipe') as 'pipe';
    const options = {
      reject: false,
      stdin: 'ignore',
      stdout: output,
      stderr: output,
      timeout: request.timeoutMs,
      cancelSignal: request.signal,
      forceKillAfterDelay: request.killGraceMs ?? true,
      stripFinalNewline: false,
      // Streamed output is not also buffered whole: a debug run can print gigabytes.
      buffer: request.onLine === undefined,
      env: request.env,
    } satisfies Options;
    const child = execa(argv[0]!, argv.slice(1), options);
    const tails: Record<OutputStream, string[]> = { stdout: [], stderr: [] };
    if (request.onLine && !toFile) {
      const onLine = (stream: OutputStream, text: string) => {
        const tail = tails[stream];
        tail.push(text);
        if (tail.length > TAIL_LINES * 2) tail.splice(0, tail.length - TAIL_LINES);
        request.onLine!(stream, text);
      };
      for (const stream of ['stdout', 'stderr'] as const) {
        let partial = '';
        child[stream]?.setEncoding('utf8');
        child[stream]?.on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) onLine(stream, line);
        });
        child[stream]?.on('end', () => {
          if (partial) onLine(stream, partial);
          partial = '';
        });
      }
    }
    const result = await child;
    // With a file for stdio, the process's own complaint lands in that file: read it back.
    let fileOutput = '';
    if (fd !== undefined) {
      const size = fstatSync(fd).size;
      closeSync(fd);
      // runsc hands a detached sandbox's stdio file to the sandbox's user (nobody, 0600):
      // give it back, so the person can read their own sample's output and job logs.
      await this.own(request.outputFile!);
      const from = Math.max(startOffset, size - TAIL_BYTES);
      fileOutput = (await this.readRange(request.outputFile!, from, size - from)).toString('utf8');
    }
    const spawnError =
      result.exitCode === undefined && !result.signal && result.failed && result.code ? `${result.code}: ${result.originalMessage ?? result.shortMessage}` : null;
    return {
      argv,
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? null,
      stdout: typeof result.stdout === 'string' ? result.stdout : joinTail(tails.stdout),
      stderr: toFile ? fileOutput : typeof result.stderr === 'string' ? result.stderr : joinTail(tails.stderr),
      timedOut: result.timedOut,
      cancelled: result.isCanceled,
      spawnError,
      durationMs: performance.now() - started,
    };
  }

  /** Streams in and out, for a transfer to or from another host. */
  async runPipe(request: PipeRequest): Promise<PipeProcess> {
    return spawnPipe(request, { command: request.argv, argv: request.argv, env: { ...process.env, ...request.env } });
  }

  async searchPath(): Promise<string> {
    return process.env.PATH ?? '';
  }

  async totalMemory(): Promise<number> {
    return totalmem();
  }

  async userId(): Promise<number> {
    // Not POSIX (Windows has no uid): there the Desk cannot run runsc anyway.
    return process.getuid?.() ?? -1;
  }

  async stat(path: string, options: { noFollow?: boolean } = {}): Promise<FileStat> {
    const s = options.noFollow ? await lstat(path) : await stat(path);
    return { kind: kindOf(s), size: s.size, mtimeMs: s.mtimeMs, mode: s.mode, uid: s.uid, gid: s.gid, fileId: `${s.dev}:${s.ino}` };
  }

  async access(path: string, want: 'write' | 'execute'): Promise<boolean> {
    try {
      await access(path, want === 'write' ? constants.W_OK | constants.X_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }

  async readdir(path: string): Promise<DirEntry[]> {
    return (await readdir(path, { withFileTypes: true })).map((d) => ({
      name: d.name,
      kind: d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : 'other',
    }));
  }

  async readRange(path: string, offset: number, length: number): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === length ? buffer : buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  readFile(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  async mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): Promise<void> {
    if (!options.recursive) {
      await mkdir(path, { mode: options.mode });
      await this.own(path);
      return;
    }
    // The first folder it made; every folder from there down to `path` is new.
    const first = await mkdir(path, { recursive: true, mode: options.mode });
    if (first === undefined || !this.owner) return;
    const created: string[] = [];
    for (let dir = path; ; dir = dirname(dir)) {
      created.unshift(dir);
      if (dir === first || dirname(dir) === dir) break;
    }
    for (const dir of created) await this.own(dir);
  }

  async writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
    await this.mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, content, { mode });
    // Owned before it takes the real name: the file is never seen with the wrong owner.
    await this.own(temp, path);
    await rename(temp, path);
  }

  async openAppend(path: string, mode = 0o600): Promise<AppendHandle> {
    const fd = await this.openOwned(path, mode);
    return appendQueue(fd, path, fstatSync(fd).size);
  }

  async copyFile(from: string, to: string): Promise<void> {
    await copyFile(from, to);
    await this.own(to);
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    if (options.recursive) return rm(path, { recursive: true });
    if ((await lstat(path)).isDirectory()) return rmdir(path);
    return rm(path);
  }

  async freeBytes(path: string): Promise<number> {
    const stats = await statfs(path);
    return stats.bavail * stats.bsize;
  }

  async diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
    const stats = await statfs(path);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  }

  /** Opens for appending; a file it creates is owned at once. */
  private async openOwned(path: string, mode = 0o600): Promise<number> {
    try {
      // 'ax': create, failing when it exists, so a new file is told from an old one.
      const fd = openSync(path, 'ax', mode);
      try {
        await this.own(path);
      } catch (error) {
        closeSync(fd);
        throw error;
      }
      return fd;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return openSync(path, 'a', mode);
    }
  }

  /** Chowns `path` when an owner is set and `where` (default `path`) is at or under its folder. */
  private async own(path: string, where = path): Promise<void> {
    if (this.owner && isInside(where, this.owner.under)) await chown(path, this.owner.uid, this.owner.gid);
  }
}

function kindOf(s: Stats): EntryKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other';
}

function joinTail(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.slice(-TAIL_LINES).join('\n')}\n`;
}

