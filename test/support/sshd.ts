// A remote host made on this machine for the SSH tests: a network namespace reached by a
// veth pair, Debian's sshd listening inside on a private address, a throwaway key pair,
// and an ssh config (passed as -F) naming it. Everything it makes, stop() removes, by
// pid and by name, even after a failed test.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSshd {
  /** The Host alias in `configFile` that logs in as root with the test key. */
  alias: string;
  /** Same server, a key it does not know. */
  wrongKeyAlias: string;
  /** The same address, a port nothing listens on. */
  refusedAlias: string;
  /** Same server, ssh's default host key checking and a known_hosts of its own that starts empty. */
  strictAlias: string;
  /** The XDG_DATA_HOME the alias's sessions get (the host's own Desk data dir), when asked. */
  dataHome: string | null;
  configFile: string;
  address: string;
  /** This machine's end of the veth pair: the host's way to the others (see linkHosts). */
  gateway: string;
  /** The host's /30. */
  subnet: string;
  /** The folder the host's root sees as ~/.ssh (its own client side), when asked; else null. */
  sshHome: string | null;
  namespace: string;
  /** sshd's pid: its mount namespace is the host's file system (/proc/<pid>/ns/mnt). */
  pid: number;
  dir: string;
  /** Takes the host's link down (a cut cable, as this machine sees it) or back up. */
  link(up: boolean): void;
  /** What sshd said (-e): for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** Why the SSH tests cannot run here, or null when they can. */
export function missingForSshd(): string | null {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  for (const tool of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/bin/nsenter', '/usr/bin/unshare']) {
    if (!existsSync(tool)) return `${tool} is missing (apt-get install openssh-server openssh-client util-linux)`;
  }
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'ip is missing (apt-get install iproute2)';
  }
  return null;
}

export function requireSshd(): boolean {
  const missing = missingForSshd();
  if (missing && process.env.CI === 'true') throw new Error(`CI=true but the SSH tests cannot run: ${missing}`);
  if (missing) console.warn(`Skipping SSH tests: ${missing}`);
  return missing === null;
}

const run = (argv: string[]) => execFileSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const quiet = (argv: string[]) => {
  try {
    run(argv);
  } catch {
    // Cleanup goes on: the thing may already be gone.
  }
};

/**
 * `dataHome`: the alias's sessions get XDG_DATA_HOME set to it (ssh SetEnv), so two test
 * hosts on this one file system each have their own Desk data dir: their own root and images.
 * `sshHome`: the host's root gets a ~/.ssh of its own (empty; see linkHosts), in the host's
 * mount namespace only: this machine's /root/.ssh is never touched.
 */
export async function startSshd(label = 'a', options: { dataHome?: string; sshHome?: boolean } = {}): Promise<TestSshd> {
  const tag = randomBytes(3).toString('hex');
  const namespace = `desk-ssh-${label}-${tag}`;
  // Interface names hold at most 15 bytes.
  const outside = `dsk${tag}o`;
  const inside = `dsk${tag}i`;
  // A /30 in 10.231.0.0/16 (private, unlikely to be routed here), random so runs can overlap.
  const third = randomBytes(1)[0]!;
  const fourth = (randomBytes(1)[0]! & 0xfc) % 252;
  const local = `10.231.${third}.${fourth + 1}`;
  const address = `10.231.${third}.${fourth + 2}`;
  const subnet = `10.231.${third}.${fourth}/30`;
  const dir = mkdtempSync(join(tmpdir(), 'desk-sshd-'));
  const sshHome = options.sshHome ? join(dir, 'ssh-home') : null;
  let sshd: ChildProcess | null = null;
  let stderr = '';
  const alias = `desk-test-${label}`;

  const stop = async () => {
    if (sshd?.pid !== undefined && sshd.exitCode === null && sshd.signalCode === null) {
      const exited = new Promise((resolve) => sshd!.once('close', resolve));
      sshd.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (sshd.exitCode === null && sshd.signalCode === null) sshd.kill('SIGKILL');
    }
    // Sessions sshd forked live on in the namespace's processes; end them by pid.
    for (const pid of namespacePids(namespace)) quiet(['kill', '-KILL', String(pid)]);
    quiet(['ip', 'link', 'del', outside]);
    quiet(['ip', 'netns', 'del', namespace]);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run(['ip', 'netns', 'add', namespace]);
    run(['ip', 'link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    run(['ip', 'link', 'set', inside, 'netns', namespace]);
    run(['ip', 'addr', 'add', `${local}/30`, 'dev', outside]);
    run(['ip', 'link', 'set', outside, 'up']);
    // nsenter, not `ip netns exec`: that one remounts /sys, and runsc then finds no cgroups.
    const inNs = (argv: string[]) => run(['nsenter', `--net=/var/run/netns/${namespace}`, ...argv]);
    inNs(['ip', 'addr', 'add', `${address}/30`, 'dev', inside]);
    inNs(['ip', 'link', 'set', inside, 'up']);
    inNs(['ip', 'link', 'set', 'lo', 'up']);

    for (const key of ['host_key', 'client_key', 'stranger_key']) {
      run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `desk-test-${key}`, '-f', join(dir, key)]);
    }
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `ListenAddress ${address}:22`,
        `HostKey ${join(dir, 'host_key')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        // The temp dir is not root-only all the way up.
        'StrictModes no',
        // Debian's default; the Desk must live within it.
        'MaxSessions 10',
        'AcceptEnv XDG_DATA_HOME',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    const host = (alias: string, lines: string[]) => [`Host ${alias}`, ...lines.map((l) => `  ${l}`)].join('\n');
    const base = [`HostName ${address}`, 'User root', 'IdentitiesOnly yes', 'IdentityAgent none', 'GlobalKnownHostsFile /dev/null'];
    const common = [...base, 'StrictHostKeyChecking accept-new', `UserKnownHostsFile ${join(dir, 'known_hosts')}`];
    writeFileSync(
      join(dir, 'ssh_config'),
      [
        host(alias, [...common, `IdentityFile ${join(dir, 'client_key')}`, ...(options.dataHome ? [`SetEnv XDG_DATA_HOME=${options.dataHome}`] : [])]),
        host(`${alias}-strict`, [...base, `UserKnownHostsFile ${join(dir, 'known_hosts_strict')}`, `IdentityFile ${join(dir, 'client_key')}`]),
        host(`${alias}-wrongkey`, [...common, `IdentityFile ${join(dir, 'stranger_key')}`]),
        host(`${alias}-refused`, [...common, 'Port 2', `IdentityFile ${join(dir, 'client_key')}`]),
        '',
      ].join('\n\n'),
    );
    // sshd refuses to start without its privilege separation folder.
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    // A test host is a server of its own, not this machine's root account: bash runs
    // ~/.bashrc for every command sshd starts, and a workstation's one (here: pyenv init,
    // whose rehash takes a global lock that a killed session leaves behind) made each ssh
    // call wait up to a minute. In a mount namespace of its own, the host's root gets an
    // empty one. unshare, sh and nsenter each exec the next: the pid is sshd's.
    writeFileSync(join(dir, 'bashrc'), '');
    if (sshHome) mkdirSync(sshHome, { mode: 0o700 });
    const rc = `${homedir()}/.bashrc`;
    sshd = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        HOME_MOUNTS,
        'sh',
        rc,
        join(dir, 'bashrc'),
        homedir(),
        sshHome ?? '',
        'nsenter',
        `--net=/var/run/netns/${namespace}`,
        '/usr/sbin/sshd',
        '-D',
        '-e',
        '-f',
        join(dir, 'sshd_config'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    sshd.stderr!.setEncoding('utf8');
    sshd.stderr!.on('data', (chunk: string) => (stderr += chunk));
    await listening(address, 22, () => sshd!.exitCode !== null, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    alias,
    wrongKeyAlias: `${alias}-wrongkey`,
    refusedAlias: `${alias}-refused`,
    strictAlias: `${alias}-strict`,
    dataHome: options.dataHome ?? null,
    configFile: join(dir, 'ssh_config'),
    address,
    gateway: local,
    subnet,
    sshHome,
    namespace,
    pid: sshd.pid!,
    dir,
    log: () => stderr,
    link: (up: boolean) => void run(['ip', 'link', 'set', outside, up ? 'up' : 'down']),
    stop,
  };
}

/**
 * Run by unshare in the host's new mount namespace, before sshd: $1 ~/.bashrc and $2 an
 * empty file to cover it; $3 the home, $4 the folder to be its .ssh ('' for none). With no
 * ~/.ssh on this machine to cover, the host's home is an empty tmpfs holding only that one.
 */
const HOME_MOUNTS = `rc=$1 empty=$2 home=$3 ssh=$4; shift 4
if [ -n "$ssh" ]; then
  if [ -d "$home/.ssh" ]; then mount --bind "$ssh" "$home/.ssh" || exit 1
  else mount -t tmpfs -o mode=0700 desk-test-home "$home" && mkdir -m 700 "$home/.ssh" && mount --bind "$ssh" "$home/.ssh" || exit 1
  fi
fi
if [ -e "$rc" ]; then mount --bind "$empty" "$rc" || exit 1; fi
exec "$@"`;

/** Waits for a TCP connect to succeed, up to 10 s. */
async function listening(host: string, port: number, died: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (died()) throw new Error(`sshd exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not listen on ${host}:${port} within 10 s: ${log()}`);
}

function namespacePids(namespace: string): number[] {
  try {
    return run(['ip', 'netns', 'pids', namespace]).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** One ssh config naming every test host's aliases: the Desk has one sshConfigFile. */
export function sharedConfig(servers: TestSshd[], path: string): string {
  writeFileSync(path, servers.map((s) => readFileSync(s.configFile, 'utf8')).join('\n'));
  return path;
}

export interface HostLink {
  /** Puts back what linkHosts changed; safe to call twice, and after the hosts stopped. */
  undo(): void;
}

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

/**
 * Lets host `from` log in to host `to` by itself, as a migration's source reaching its
 * target: a route each way through this machine (which forwards between the veth pairs:
 * ip_forward on, its old value put back by undo), and in `from`'s own ~/.ssh (see
 * sshHome) a key `to` accepts, `to`'s host key in known_hosts and a config naming the key.
 * This machine's own ssh files are never touched.
 */
export function linkHosts(from: TestSshd, to: TestSshd): HostLink {
  if (!from.sshHome) throw new Error(`linkHosts: start "${from.alias}" with { sshHome: true }`);
  const home = from.sshHome;
  const inNs = (s: TestSshd, argv: string[]) => run(['nsenter', `--net=/var/run/netns/${s.namespace}`, ...argv]);
  const forwardBefore = readFileSync(IP_FORWARD, 'utf8').trim();
  const authorized = join(to.dir, 'authorized_keys');
  const authorizedBefore = readFileSync(authorized, 'utf8');
  let undone = false;
  const undo = () => {
    if (undone) return;
    undone = true;
    quiet(['nsenter', `--net=/var/run/netns/${from.namespace}`, 'ip', 'route', 'del', to.subnet]);
    quiet(['nsenter', `--net=/var/run/netns/${to.namespace}`, 'ip', 'route', 'del', from.subnet]);
    try {
      writeFileSync(IP_FORWARD, `${forwardBefore}\n`);
    } catch {
      // Nothing else to do: the value was read from there a moment ago.
    }
    if (existsSync(authorized)) writeFileSync(authorized, authorizedBefore);
    for (const file of ['id_ed25519', 'id_ed25519.pub', 'known_hosts', 'config']) rmSync(join(home, file), { force: true });
  };
  try {
    writeFileSync(IP_FORWARD, '1\n');
    // replace, not add: two hosts linked both ways share these routes.
    inNs(from, ['ip', 'route', 'replace', to.subnet, 'via', from.gateway]);
    inNs(to, ['ip', 'route', 'replace', from.subnet, 'via', to.gateway]);
    run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `desk-test-${from.alias}-to-${to.alias}`, '-f', join(home, 'id_ed25519')]);
    writeFileSync(authorized, `${authorizedBefore}${readFileSync(join(home, 'id_ed25519.pub'), 'utf8')}`);
    const hostKey = readFileSync(join(to.dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    writeFileSync(join(home, 'known_hosts'), `${to.address} ${hostKey}\n`, { mode: 0o600 });
    writeFileSync(join(home, 'config'), [`Host ${to.address}`, '  User root', '  IdentityFile ~/.ssh/id_ed25519', '  IdentitiesOnly yes', ''].join('\n'), { mode: 0o600 });
  } catch (error) {
    undo();
    throw error;
  }
  return { undo };
}

export interface LinkedHosts {
  a: TestSshd;
  b: TestSshd;
  /** Undoes the link, then stops both hosts, each step whatever the one before did. */
  stop(): Promise<void>;
}

/**
 * Hosts A and B, A able to log in to B by itself (linkHosts). Whatever fails part way
 * is undone before the error is thrown: no namespace, sshd or route is left behind.
 */
export async function startLinkedHosts(a: { label: string; dataHome?: string }, b: { label: string; dataHome?: string }): Promise<LinkedHosts> {
  const started: TestSshd[] = [];
  let link: HostLink | null = null;
  const stop = async () => {
    try {
      link?.undo();
    } finally {
      for (const host of started) await host.stop();
    }
  };
  try {
    started.push(await startSshd(a.label, { ...(a.dataHome ? { dataHome: a.dataHome } : {}), sshHome: true }));
    started.push(await startSshd(b.label, b.dataHome ? { dataHome: b.dataHome } : {}));
    link = linkHosts(started[0]!, started[1]!);
  } catch (error) {
    await stop();
    throw error;
  }
  return { a: started[0]!, b: started[1]!, stop };
}
