// One ssh process: its stdout kept as bytes (a byte range of an image is binary), its
// stderr as text, or either streamed line by line for a long run.
import { spawn, type ChildProcess } from 'node:child_process';
import { DeskError } from '../../../../shared/errors';

export interface SshExit {
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: string;
}

export interface SshProcess {
  child: ChildProcess;
  done: Promise<SshExit>;
}

export interface SshSpawnOptions {
  /** Written to the remote command's stdin, then closed; without it stdin is /dev/null. */
  stdin?: string | Buffer;
  /** Keep stdin open for the caller (openAppend). */
  keepStdin?: boolean;
  /** Takes stdout chunks instead of keeping them. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: string) => void;
  /** Who ssh runs as: see SshUser. */
  user?: SshUser;
}

/**
 * The person ssh runs as when the service runs as root for them (the privileged helper):
 * OpenSSH reads ~/.ssh/config, keys and known_hosts from the passwd entry of the uid it
 * runs as, so running it as the person is what makes their config, keys and agent apply.
 */
export interface SshUser {
  uid: number;
  gid: number;
  /** The person's agent socket, which sudo and pkexec do not pass on. */
  authSock?: string;
}

export function spawnSsh(argv: string[], options: SshSpawnOptions = {}): SshProcess {
  const wantsStdin = options.stdin !== undefined || options.keepStdin === true;
  const { user } = options;
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: [wantsStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    ...(user ? { uid: user.uid, gid: user.gid, env: { ...process.env, ...(user.authSock ? { SSH_AUTH_SOCK: user.authSock } : {}) } } : {}),
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (options.onStderr ? options.onStderr(chunk) : (err += chunk)));
  // A remote command that exits before reading all its stdin closes the pipe: not ours to report.
  child.stdin?.on('error', () => undefined);
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  const done = new Promise<SshExit>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new DeskError('INTERNAL', 'The ssh client is not installed on this machine: install OpenSSH (openssh-client) to reach remote hosts.', { argv })
          : error,
      ),
    );
    // 'close', not 'exit': the last output may still be in the pipes at exit.
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
  return { child, done };
}
