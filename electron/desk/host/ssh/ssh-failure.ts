// What went wrong, in ssh's words and in ours. ssh exits 255 on its own failures (the
// remote scripts here never do), and says why on stderr; that text is kept whole in the
// error's details, since it is the person's best clue (which key, which address).
import { DeskError, type ErrorCode } from '../../../../shared/errors';

export type SshFailureReason = 'unreachable' | 'auth' | 'host-key' | 'ssh';

const REASONS: [RegExp, SshFailureReason][] = [
  [/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key for .* has changed/i, 'host-key'],
  [/Permission denied \(|Too many authentication failures|no matching host key type|Authentication failed/i, 'auth'],
  [/Connection refused|No route to host|Could not resolve hostname|Connection timed out|Network is unreachable|Operation timed out|Connection closed by|Connection reset|kex_exchange_identification|banner exchange/i, 'unreachable'],
];

// shared/errors.ts has no host codes yet: these are the closest, and `details.reason`
// says exactly which failure it was. One place to change when HOST_* codes exist.
const CODES: Record<SshFailureReason, ErrorCode> = {
  unreachable: 'INTERNAL',
  auth: 'FORBIDDEN',
  'host-key': 'FORBIDDEN',
  ssh: 'INTERNAL',
};

export function sshFailureReason(stderr: string): SshFailureReason {
  return REASONS.find(([pattern]) => pattern.test(stderr))?.[1] ?? 'ssh';
}

/** The last line ssh printed that is not a warning: usually the one that explains. */
function sshSaid(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning: Permanently added/.test(l));
  return lines[lines.length - 1] ?? 'ssh said nothing';
}

export function sshFailure(host: string, target: string, stderr: string, argv: string[], exitCode: number | null): DeskError {
  const reason = sshFailureReason(stderr);
  const said = sshSaid(stderr);
  const message = {
    unreachable: `Host "${host}" (${target}) is unreachable: ${said}. Check that it is up and that "ssh ${target}" works from this machine.`,
    auth: `Host "${host}" (${target}) refused the login: ${said}. The Desk never prompts: load the key into your agent or name it (IdentityFile) in your ssh config, then try "ssh ${target}".`,
    'host-key': /REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed/i.test(stderr)
      ? `Host "${host}" (${target}): ITS HOST KEY CHANGED since you last connected, and the Desk refuses it: ${said}. This may be an attack, or a reinstalled server: check the new key's fingerprint with the server's owner; only then remove the old one ("ssh-keygen -R") and accept the new one.`
      : `Host "${host}" (${target}) offers a host key your known_hosts does not hold yet: ${said}. Test the host to see its fingerprint, check it with the server's owner, then accept it (acceptHostKey), or connect once with "ssh ${target}".`,
    ssh: `ssh to host "${host}" (${target}) failed: ${said}.`,
  }[reason];
  return new DeskError(CODES[reason], message, { reason, host, target, argv, exitCode, signal: null, stderr });
}

// Remote file calls fail with the errno names node:fs uses, so callers cannot tell the
// transport. The scripts name the common ones themselves (`desk-errno:ENOENT`); the
// rest come from coreutils' strerror text (LC_ALL=C makes it English).
const STRERROR: [RegExp, string][] = [
  [/No such file/, 'ENOENT'],
  [/Permission denied|Operation not permitted/, 'EACCES'],
  [/File exists/, 'EEXIST'],
  [/Not a directory/, 'ENOTDIR'],
  [/Is a directory/, 'EISDIR'],
  [/Directory not empty/, 'ENOTEMPTY'],
  [/No space left on device/, 'ENOSPC'],
  [/Read-only file system/, 'EROFS'],
  [/Device or resource busy/, 'EBUSY'],
];

export interface RemoteFileError extends Error {
  code: string;
  path: string;
  syscall: string;
  stderr: string;
}

export function remoteFileError(host: string, syscall: string, path: string, stderr: string): RemoteFileError {
  const named = /desk-errno:([A-Z]+)/.exec(stderr)?.[1];
  const code = named ?? STRERROR.find(([pattern]) => pattern.test(stderr))?.[1] ?? 'EIO';
  const said = stderr.replace(/desk-errno:[A-Z]+\n?/g, '').trim();
  const error = new Error(`${code}: ${syscall} '${path}' on host "${host}"${said ? `: ${said}` : ''}`) as RemoteFileError;
  return Object.assign(error, { code, path, syscall, stderr });
}
