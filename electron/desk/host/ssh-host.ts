// A remote machine as a Host, through the system OpenSSH client: the person's own
// config, keys, agent, jump hosts and known_hosts, and nothing installed on the server
// beyond POSIX sh and coreutils. Every remote command is an argv quoted by shellQuote;
// paths reach the scripts as positional parameters.
//
// Cancelling a run. Killing the local ssh does not end the remote process: without a
// pty, sshd sends no SIGHUP, and the program runs on until it next writes. `ssh -tt`
// would deliver a hangup, but a pty merges stderr into stdout and rewrites bytes. So
// every run goes through a tiny wrapper that prints its pid and then `exec`s the program
// (the pid is the program's), and a cancel or timeout sends SIGTERM, then SIGKILL after
// the grace, to that pid over the same multiplexed connection, as execa does locally.
import { randomBytes } from 'node:crypto';
import { chown, lstat, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeskError } from '../../../shared/errors';
import { resolveHop, type HopAnswer } from './ssh/destination';
import type { AppendHandle, DirEntry, EntryKind, FileStat, Host, OutputStream, PathCheck, PipeProcess, PipeRequest, RunRequest, RunResult } from './host';
import { spawnPipe } from './ssh/pipe-process';
import { commandLine } from './ssh/quote';
import { ACCESS, APPEND, DISK, FREE, PIPE, READDIR, READ_RANGE, REMOVE, RUN, STAT, STAT_MANY, WRITE_ATOMIC } from './ssh/scripts';
import { remoteFileError, sshFailure } from './ssh/ssh-failure';
import { controlArgv, sshArgv, type SshTarget } from './ssh/ssh-options';
import { SessionLimit } from './ssh/sessions';
import { spawnSsh as spawnSshAs, type SshExit, type SshSpawnOptions, type SshUser } from './ssh/ssh-process';

export interface SshHostOptions {
  name: string;
  target: string;
  configFile?: string | null;
  /** See controlDir() in ssh/ssh-options.ts. */
  controlDir: string;
  persistSeconds?: number;
  connectTimeoutSeconds?: number;
  /** Run ssh as this person, not as the service's own user (root in the helper). */
  user?: SshUser;
}

/** ssh's own failures exit 255; the scripts here never do. */
const SSH_FAILED = 255;
const TAIL_LINES = 200;
const TAIL_BYTES = 64 * 1024;
const DEFAULT_GRACE_MS = 5000;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Below sshd's default MaxSessions (10): one left for a cancel's kill, one for the person's own ssh. */
const MAX_SESSIONS = 8;

export class SshHost implements Host {
  readonly name: string;
  private readonly t: SshTarget;
  private connecting: Promise<void> | null = null;
  private readonly facts = new Map<string, Promise<unknown>>();
  /** Closed append handles still flushing: later calls wait, so a write is read back. */
  private readonly flushing = new Set<Promise<unknown>>();
  private readonly sessions = new SessionLimit(MAX_SESSIONS);

  private readonly user: SshUser | undefined;

  constructor(options: SshHostOptions) {
    this.name = options.name;
    this.user = options.user;
    this.t = {
      name: options.name,
      target: options.target,
      configFile: options.configFile ?? null,
      controlDir: options.controlDir,
      persistSeconds: options.persistSeconds ?? 600,
      connectTimeoutSeconds: options.connectTimeoutSeconds ?? 10,
    };
  }

  get target(): string {
    return this.t.target;
  }

  get configFile(): string | null {
    return this.t.configFile;
  }

  /** Opens (or finds) the master connection; a DeskError in ssh's words when it cannot. */
  connect(): Promise<void> {
    this.connecting ??= this.openMaster().catch((error: unknown) => {
      this.connecting = null;
      throw error;
    });
    return this.connecting;
  }

  /**
   * Connects once with StrictHostKeyChecking=accept-new, for this one call: a key ssh
   * does not know yet is stored in the person's known_hosts; a changed one is still refused.
   */
  async acceptHostKey(): Promise<void> {
    await ensurePrivateDir(this.t.controlDir, this.user);
    const argv = [...sshArgv(this.t, ['-o', 'StrictHostKeyChecking=accept-new']), 'true'];
    const exit = await this.spawnSsh(argv).done;
    if (exit.code !== 0) throw sshFailure(this.name, this.t.target, exit.stderr, argv, exit.code);
    this.connecting = Promise.resolve();
  }

  /** Ends the master connection (`ssh -O exit`); the next call opens a new one. */
  async close(): Promise<void> {
    this.connecting = null;
    await this.spawnSsh(controlArgv(this.t, 'exit')).done.catch(() => undefined);
  }

  async run(request: RunRequest): Promise<RunResult> {
    const started = performance.now();
    const { argv } = request;
    const result = (over: Partial<RunResult>): RunResult => ({
      argv, exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: null,
      durationMs: performance.now() - started, ...over,
    });
    if (request.signal?.aborted) return result({ cancelled: true });
    await this.connect();
    for (const key of Object.keys(request.env ?? {})) {
      if (!ENV_NAME.test(key)) throw new DeskError('INVALID_INPUT', `"${key}" is not an environment variable name.`, { field: 'env' });
    }
    const env = Object.entries(request.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const remote = [...(env.length ? ['env', ...env] : []), 'sh', '-c', RUN, 'sh', request.outputFile ?? '', ...argv];

    const streamed = request.onLine !== undefined && request.outputFile === undefined;
    const tails: Record<OutputStream, string[]> = { stdout: [], stderr: [] };
    const whole: Record<OutputStream, string> = { stdout: '', stderr: '' };
    const partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
    let marker: string | null = null;
    let head = '';
    const emit = (stream: OutputStream, text: string) => {
      const tail = tails[stream];
      tail.push(text);
      if (tail.length > TAIL_LINES * 2) tail.splice(0, tail.length - TAIL_LINES);
      request.onLine!(stream, text);
    };
    const take = (stream: OutputStream, text: string) => {
      if (!streamed) {
        whole[stream] += text;
        return;
      }
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) emit(stream, line);
    };
    const decoder = new TextDecoder();
    const onStdout = (chunk: Buffer) => {
      const text = decoder.decode(chunk, { stream: true });
      if (marker !== null) return take('stdout', text);
      // The wrapper's first line is ours: the pid, or why the program cannot start.
      head += text;
      const newline = head.indexOf('\n');
      if (newline < 0) return;
      marker = head.slice(0, newline);
      const rest = head.slice(newline + 1);
      head = '';
      onMarker(marker);
      if (rest) take('stdout', rest);
    };

    let pid: number | null = null;
    let startOffset = 0;
    let stopping: 'timeout' | 'cancel' | null = null;
    let sent: string | null = null;
    const timers: NodeJS.Timeout[] = [];
    const grace = request.killGraceMs ?? DEFAULT_GRACE_MS;
    const release = await this.sessions.acquire();
    const proc = this.spawnSsh([...sshArgv(this.t), commandLine(remote)], { onStdout, onStderr: (text) => take('stderr', text) });
    const killRemote = (signal: 'TERM' | 'KILL') => {
      sent = `SIG${signal}`;
      void this.spawnSsh([...sshArgv(this.t), commandLine(['kill', '-s', signal, String(pid)])]).done.catch(() => undefined);
    };
    const escalate = () => {
      if (pid !== null) killRemote('TERM');
      timers.push(
        setTimeout(() => {
          if (pid !== null) killRemote('KILL');
          // The last resort, should the link itself hang: the local ssh goes.
          timers.push(setTimeout(() => proc.child.kill('SIGKILL'), grace + 2000));
          if (pid === null) proc.child.kill('SIGKILL');
        }, grace),
      );
    };
    const stop = (why: 'timeout' | 'cancel') => {
      if (stopping) return;
      stopping = why;
      escalate();
    };
    function onMarker(line: string) {
      const m = /^desk-pid:(\d+) (\d+)$/.exec(line);
      if (!m) return;
      pid = Number(m[1]);
      startOffset = Number(m[2]);
      // A cancel that came before the pid: the program has just started, end it now.
      if (stopping && sent === null) killRemote('TERM');
    }
    const onAbort = () => stop('cancel');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.timeoutMs !== undefined) timers.push(setTimeout(() => stop('timeout'), request.timeoutMs));

    let exit: SshExit;
    try {
      exit = await proc.done;
    } finally {
      release();
      request.signal?.removeEventListener('abort', onAbort);
      for (const timer of timers) clearTimeout(timer);
    }
    if (streamed) {
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) emit(stream, partial[stream]);
    }
    if (marker === null && exit.code === SSH_FAILED && !stopping) {
      throw sshFailure(this.name, this.t.target, whole.stderr || tails.stderr.join('\n'), argv, exit.code);
    }
    const spawnError = /^desk-spawn:(\w+)$/.exec(marker ?? '')?.[1];
    const stdout = streamed ? joinTail(tails.stdout) : whole.stdout;
    let stderr = streamed ? joinTail(tails.stderr) : whole.stderr;
    if (request.outputFile !== undefined && pid !== null) stderr = await this.readBack(request.outputFile, startOffset);
    const killed = stopping !== null && sent !== null && (exit.code === SSH_FAILED || exit.code === null);
    return result({
      exitCode: spawnError || killed ? null : exit.code,
      signal: killed ? sent : null,
      stdout,
      stderr,
      timedOut: stopping === 'timeout',
      cancelled: stopping === 'cancel',
      spawnError: spawnError ? `${spawnError}: ${argv[0]} cannot be run on host "${this.name}"` : null,
    });
  }

  /**
   * A remote process whose stdin and stdout stream through its own ssh channel (one end
   * of a transfer). A cancel kills the remote pid, as run does, then the local ssh.
   */
  async runPipe(request: PipeRequest): Promise<PipeProcess> {
    await this.settled();
    await this.connect();
    for (const key of Object.keys(request.env ?? {})) {
      if (!ENV_NAME.test(key)) throw new DeskError('INVALID_INPUT', `"${key}" is not an environment variable name.`, { field: 'env' });
    }
    const env = Object.entries(request.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const remote = ['env', 'LC_ALL=C', ...env, 'sh', '-c', PIPE, 'sh', ...request.argv];
    const release = await this.sessions.acquire();
    let pid: number | null = null;
    let head = '';
    const command = [...sshArgv(this.t), commandLine(remote)];
    const pipe = spawnPipe(request, {
      command,
      argv: request.argv,
      ...(this.user ? { uid: this.user.uid, gid: this.user.gid, env: { ...process.env, ...(this.user.authSock ? { SSH_AUTH_SOCK: this.user.authSock } : {}) } } : {}),
      filterStderr: (text) => {
        if (pid !== null) return text;
        head += text;
        const newline = head.indexOf('\n');
        if (newline < 0) return '';
        const m = /^desk-pid:(\d+)$/.exec(head.slice(0, newline));
        if (m) pid = Number(m[1]);
        const rest = m ? head.slice(newline + 1) : head;
        head = '';
        return rest;
      },
      stop: (child, signal) => {
        if (pid !== null) {
          void this.spawnSsh([...sshArgv(this.t), commandLine(['kill', '-s', signal === 'SIGTERM' ? 'TERM' : 'KILL', String(pid)])]).done.catch(() => undefined);
        }
        if (signal === 'SIGKILL' || pid === null) child.kill(signal);
      },
    });
    const done = pipe.done.then((exit) => {
      release();
      if (exit.exitCode === SSH_FAILED && !exit.cancelled && pid === null) throw sshFailure(this.name, this.t.target, exit.stderr, request.argv, exit.exitCode);
      return exit;
    });
    done.catch(() => undefined);
    return { ...pipe, done };
  }

  /**
   * Where this host really is, as this machine's ssh resolves it (`ssh -G`), run as the
   * same person as its connection, so with the same config: what another host would log
   * in to (a migration straight from its source, see migrate/route.ts).
   */
  resolveHop(): Promise<HopAnswer> {
    return resolveHop({ target: this.t.target, configFile: this.t.configFile, ...(this.user ? { user: this.user } : {}) });
  }

  /** The PATH of a command run over this connection (sshd's default, plus what the server's environment files add). */
  searchPath(): Promise<string> {
    return this.fact('PATH', ['sh', '-c', 'printf %s "$PATH"'], (out) => out);
  }

  totalMemory(): Promise<number> {
    return this.fact('MemTotal', ['sed', '-n', 's/^MemTotal: *\\([0-9][0-9]*\\) kB$/\\1/p', '/proc/meminfo'], (out) => kibToBytes(out, this.name));
  }

  userId(): Promise<number> {
    return this.fact('uid', ['id', '-u'], (out) => {
      if (!/^\d+$/.test(out.trim())) throw new DeskError('INTERNAL', `id -u on host "${this.name}" printed "${out.trim()}", not a number.`, { stdout: out });
      return Number(out.trim());
    });
  }

  /**
   * A fact of the server that does not change while the Desk runs (its PATH, memory,
   * the login's uid): asked once for this host (a changed target is a new SshHost, see
   * SshHosts), and asked again after a failure.
   */
  private fact<T>(name: string, remote: string[], parse: (stdout: string) => T): Promise<T> {
    let pending = this.facts.get(name) as Promise<T> | undefined;
    if (!pending) {
      pending = this.exec(remote).then((exit) => {
        if (exit.code !== 0) {
          throw new DeskError('INTERNAL', `Reading ${name} on host "${this.name}" failed (exit ${exit.code}): ${exit.stderr.trim() || 'no output'}.`, { argv: remote, exitCode: exit.code, stderr: exit.stderr });
        }
        return parse(exit.stdout.toString('utf8'));
      });
      this.facts.set(name, pending);
      pending.catch(() => this.facts.delete(name));
    }
    return pending;
  }

  async stat(path: string, options: { noFollow?: boolean } = {}): Promise<FileStat> {
    const out = (await this.file('stat', path, ['sh', '-c', STAT, 'sh', path, options.noFollow ? 'nofollow' : 'follow'])).toString('utf8');
    return parseStat(out.trim().split(' '));
  }

  async statMany(paths: string[]): Promise<PathCheck[]> {
    if (paths.length === 0) return [];
    const remote = ['sh', '-c', STAT_MANY, 'sh', ...paths];
    const exit = await this.exec(remote);
    const records = exit.stdout.toString('utf8').split('\0');
    // Each path ends in a NUL: a last record that is not empty means the script was cut short.
    if (exit.code !== 0 || records.length !== paths.length + 1 || records[paths.length] !== '') {
      throw new DeskError('INTERNAL', `Checking ${paths.length} paths on host "${this.name}" printed ${records.length - 1} answers (exit ${exit.code}). Check that sh and coreutils' stat work there.`, {
        argv: remote, exitCode: exit.code, stdout: exit.stdout.toString('utf8').slice(0, 4096), stderr: exit.stderr,
      });
    }
    return paths.map((path, i): PathCheck => {
      const record = records[i]!;
      if (record.startsWith('ok ')) {
        const fields = record.slice(3).split(' ');
        return { path, stat: parseStat(fields), executable: fields[7] === 'x', error: null };
      }
      // stat's words end in strerror, which holds no ': ' (the path before it may say anything).
      const said = record.replace(/^err /, '');
      const error = remoteFileError(this.name, 'stat', path, said.slice(said.lastIndexOf(': ') + 2));
      return { path, stat: null, executable: false, error: { code: error.code, message: error.message } };
    });
  }

  async access(path: string, want: 'write' | 'execute'): Promise<boolean> {
    const exit = await this.exec(['sh', '-c', ACCESS, 'sh', path, want]);
    return exit.code === 0;
  }

  async readdir(path: string): Promise<DirEntry[]> {
    const out = (await this.file('scandir', path, ['sh', '-c', READDIR, 'sh', path])).toString('utf8');
    const kinds: Record<string, EntryKind> = { f: 'file', d: 'dir', l: 'symlink', o: 'other' };
    return out
      .split('\0')
      .filter(Boolean)
      .map((entry) => ({ kind: kinds[entry[0]!] ?? 'other', name: entry.slice(2) }));
  }

  async readRange(path: string, offset: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`readRange: bad offset ${offset} or length ${length}`);
    }
    return this.file('read', path, ['sh', '-c', READ_RANGE, 'sh', path, String(offset), String(length)]);
  }

  async readFile(path: string): Promise<string> {
    return (await this.file('open', path, ['cat', '--', path])).toString('utf8');
  }

  async mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): Promise<void> {
    const mode = options.mode === undefined ? [] : ['-m', octal(options.mode)];
    await this.file('mkdir', path, ['mkdir', ...(options.recursive ? ['-p'] : []), ...mode, '--', path]);
  }

  async writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
    const suffix = randomBytes(4).toString('hex');
    await this.file('open', path, ['sh', '-c', WRITE_ATOMIC, 'sh', path, suffix, octal(mode)], { stdin: content });
  }

  async openAppend(path: string, mode = 0o600): Promise<AppendHandle> {
    await this.settled();
    await this.connect();
    // One long-lived `cat >> path`: each write goes down the same channel, in order, and
    // lands after write() returns; a later call on this Host waits for a closed handle's
    // writes, so what was written is read back. written() means handed to ssh; close()
    // waits for the remote cat to finish.
    let sized: (size: number) => void = () => undefined;
    const size = new Promise<number>((resolve) => (sized = resolve));
    let head = '';
    const argv = ['env', 'LC_ALL=C', 'sh', '-c', APPEND, 'sh', path, octal(mode)];
    const release = await this.sessions.acquire();
    const proc = this.spawnSsh([...sshArgv(this.t), commandLine(argv)], {
      keepStdin: true,
      onStdout: (chunk) => {
        head += chunk.toString('utf8');
        if (head.includes('\n')) sized(Number(head.slice(0, head.indexOf('\n'))));
      },
    });
    const startSize = await Promise.race([size, proc.done.then((exit) => Promise.reject(this.failure(exit, 'open', path, argv)))]);
    const done = proc.done.then(release, release);
    let open = true;
    return {
      startSize,
      write(data: string | Buffer) {
        if (!open) throw new Error(`${path} is closed`);
        proc.child.stdin!.write(data);
      },
      written: () => new Promise<void>((resolve, reject) => proc.child.stdin!.write('', (error) => (error ? reject(error) : resolve()))),
      close: () => {
        if (open) {
          open = false;
          proc.child.stdin!.end();
          this.flushing.add(done);
          void done.finally(() => this.flushing.delete(done));
        }
        return proc.done.then((exit) => {
          if (exit.code !== 0) throw this.failure(exit, 'append', path, argv);
        });
      },
    };
  }

  async copyFile(from: string, to: string): Promise<void> {
    await this.file('copyfile', from, ['cp', '--', from, to]);
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    await this.file('rm', path, ['sh', '-c', REMOVE, 'sh', path, options.recursive ? 'recursive' : 'one']);
  }

  async freeBytes(path: string): Promise<number> {
    const out = (await this.file('statfs', path, ['sh', '-c', FREE, 'sh', path])).toString('utf8');
    const [available, blockSize] = out.trim().split(' ').map(Number);
    return available! * blockSize!;
  }

  async diskSpace(path: string): Promise<{ freeBytes: number; totalBytes: number }> {
    const out = (await this.file('statfs', path, ['sh', '-c', DISK, 'sh', path])).toString('utf8');
    const [available, blocks, blockSize] = out.trim().split(' ').map(Number);
    return { freeBytes: available! * blockSize!, totalBytes: blocks! * blockSize! };
  }

  private spawnSsh(argv: string[], options: SshSpawnOptions = {}) {
    return spawnSshAs(argv, { ...options, ...(this.user ? { user: this.user } : {}) });
  }

  private async openMaster(): Promise<void> {
    await ensurePrivateDir(this.t.controlDir, this.user);
    const argv = [...sshArgv(this.t), 'true'];
    const exit = await this.spawnSsh(argv).done;
    if (exit.code !== 0) throw sshFailure(this.name, this.t.target, exit.stderr, argv, exit.code);
  }

  /** Runs one remote argv (in the C locale, so errors read the same everywhere); ssh's own failures throw. */
  private async exec(remote: string[], options: SshSpawnOptions = {}): Promise<SshExit> {
    await this.settled();
    await this.connect();
    const argv = [...sshArgv(this.t), commandLine(['env', 'LC_ALL=C', ...remote])];
    const release = await this.sessions.acquire();
    const exit = await this.spawnSsh(argv, options).done.finally(release);
    if (exit.code === SSH_FAILED) throw sshFailure(this.name, this.t.target, exit.stderr, remote, exit.code);
    return exit;
  }

  /** A file call: stdout on success, else an errno-named error like node:fs's. */
  private async file(syscall: string, path: string, remote: string[], options: SshSpawnOptions = {}): Promise<Buffer> {
    const exit = await this.exec(remote, options);
    if (exit.code !== 0) throw this.failure(exit, syscall, path, remote);
    return exit.stdout;
  }

  private failure(exit: SshExit, syscall: string, path: string, argv: string[]): Error {
    if (exit.code === SSH_FAILED) return sshFailure(this.name, this.t.target, exit.stderr, argv, exit.code);
    return remoteFileError(this.name, syscall, path, exit.stderr);
  }

  private async readBack(file: string, from: number): Promise<string> {
    const size = (await this.stat(file)).size;
    const start = Math.max(from, size - TAIL_BYTES);
    return (await this.readRange(file, start, size - start)).toString('utf8');
  }

  private async settled(): Promise<void> {
    if (this.flushing.size > 0) await Promise.allSettled([...this.flushing]);
  }
}

/** The control sockets' folder: this user's alone (0700), since a socket there is a logged-in session. */
async function ensurePrivateDir(path: string, user: SshUser | undefined): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const made = await mkdir(path, { mode: 0o700 }).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
      return false;
    },
  );
  // ssh makes its sockets there as the person it runs as.
  if (made && user) await chown(path, user.uid, user.gid);
  const s = await lstat(path);
  const uid = user?.uid ?? process.getuid?.();
  if (!s.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o077) !== 0) {
    throw new DeskError('FORBIDDEN', `${path} must be a folder of this user's with mode 0700: it holds ssh control sockets. Remove it and try again.`, { path });
  }
}

/** STAT's fields: mode (hex, with type bits), size, mtime (s.ms), uid, gid, device, inode. */
function parseStat([mode, size, mtime, uid, gid, dev, ino]: string[]): FileStat {
  const m = parseInt(mode ?? '', 16);
  return { kind: kindOfMode(m), size: Number(size), mtimeMs: Math.round(Number(mtime) * 1000), mode: m, uid: Number(uid), gid: Number(gid), fileId: `${dev}:${ino}` };
}

function kindOfMode(mode: number): EntryKind {
  const type = mode & 0o170000;
  return type === 0o100000 ? 'file' : type === 0o040000 ? 'dir' : type === 0o120000 ? 'symlink' : 'other';
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8);
}

function joinTail(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.slice(-TAIL_LINES).join('\n')}\n`;
}

/** /proc/meminfo's MemTotal (kB, which the kernel means as KiB) in bytes. */
function kibToBytes(out: string, host: string): number {
  const kib = out.trim();
  if (!/^\d+$/.test(kib)) throw new DeskError('INTERNAL', `Host "${host}" has no MemTotal in /proc/meminfo (is it Linux?).`, { stdout: out });
  return Number(kib) * 1024;
}
