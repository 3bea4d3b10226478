// The ssh command line every call shares: one multiplexed connection per host, never a
// prompt, the person's own config (or the one named in settings).
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SshTarget {
  /** The Desk's name for the host. */
  name: string;
  /** What the person types after `ssh`: an alias of their config, or user@address. */
  target: string;
  /** Passed as -F; null for ssh's own ~/.ssh/config. */
  configFile: string | null;
  /** Where the control sockets live (see controlDir). */
  controlDir: string;
  /** How long the master connection outlives its last call. */
  persistSeconds: number;
  connectTimeoutSeconds: number;
}

// A unix socket path holds at most 104 bytes on macOS (108 on Linux), and ssh first binds
// the socket under a name 17 bytes longer (ControlPath + ".XXXXXXXXXXXXXXXX") before
// renaming it: so the folder gets 104 - 1 - 16 (socket name) - 17 - 1 (NUL) bytes.
const MAX_CONTROL_DIR = 69;
// Only plain bytes: a ControlPath is read like a config line (spaces split it, % and ~ expand).
const PLAIN_PATH = /^[A-Za-z0-9/._-]+$/;

/** `<dataDir>/ssh` when it is short and plain; else a per-user folder under the temp dir named by the data dir's hash. */
export function controlDir(dataDir: string): string {
  const own = join(dataDir, 'ssh');
  if (own.length <= MAX_CONTROL_DIR && PLAIN_PATH.test(own)) return own;
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const base = PLAIN_PATH.test(tmpdir()) && tmpdir().length < 40 ? tmpdir() : '/tmp';
  return join(base, `cdesk-${process.getuid?.() ?? 0}-${hash}`);
}

/** One socket per (config file, target): the same target through another config may be another machine. */
export function controlPath(t: SshTarget): string {
  const hash = createHash('sha256').update(`${t.configFile ?? ''}\0${t.target}`).digest('hex').slice(0, 16);
  return join(t.controlDir, hash);
}

/** `ssh <options> -- <target>`, to which the caller appends the remote command line. */
export function sshArgv(t: SshTarget, extra: string[] = []): string[] {
  return [
    'ssh',
    ...(t.configFile ? ['-F', t.configFile] : []),
    '-o', 'BatchMode=yes',
    '-o', 'ControlMaster=auto',
    '-o', `ControlPersist=${t.persistSeconds}`,
    '-o', `ControlPath=${controlPath(t)}`,
    '-o', `ConnectTimeout=${t.connectTimeoutSeconds}`,
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=3',
    // No pty: a pty would merge stderr into stdout and rewrite bytes (\n to \r\n).
    '-T',
    ...extra,
    // Ends ssh's options: even a target that slipped past validation is never one.
    '--',
    t.target,
  ];
}

/** `ssh -O <command>` to the master (check, exit). */
export function controlArgv(t: SshTarget, command: 'check' | 'exit'): string[] {
  return [
    'ssh',
    ...(t.configFile ? ['-F', t.configFile] : []),
    '-o', 'BatchMode=yes',
    '-o', `ControlPath=${controlPath(t)}`,
    '-O', command,
    '--',
    t.target,
  ];
}

/** `ssh -G`: what ssh would use for the target (address, user, port, proxies), from the same config. */
export function resolveArgv(t: Pick<SshTarget, 'target' | 'configFile'>): string[] {
  return ['ssh', ...(t.configFile ? ['-F', t.configFile] : []), '-G', '--', t.target];
}

/** Where one host logs in to another by itself, as `ssh -G` resolved it on this machine. */
export interface SshHop {
  hostname: string;
  user: string;
  port: number;
}

/**
 * `ssh <options> -- <hostname>` as another host runs it (a migration's source reaching its
 * target), to which the caller appends the remote command line. That host's own config,
 * keys and known_hosts apply; nothing of this machine's goes along: no agent forwarding,
 * no forwardings at all, and a host key its known_hosts lacks is refused, never accepted.
 */
export function hopArgv(hop: SshHop, extra: string[] = []): string[] {
  return [
    'ssh',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=5',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'ForwardAgent=no',
    '-o', 'ForwardX11=no',
    '-o', 'ClearAllForwardings=yes',
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=3',
    '-T',
    '-p', String(hop.port),
    '-l', hop.user,
    ...extra,
    '--',
    hop.hostname,
  ];
}
