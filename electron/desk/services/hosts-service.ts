// The hosts the Desk reaches: this machine (`local`) and remote ones over SSH, kept in
// the settings. Adding a host only records it; testHost connects and says what is
// there: runsc, root or not, the privilege mode that works, and room for images.
import { join } from 'node:path';
import type { DeskResults } from '../../../shared/api';
import { DeskError } from '../../../shared/errors';
import type { HostConfig, HostInfo, HostTest, PrivilegeMode } from '../../../shared/model';
import type { Request } from '../../../shared/schemas';
import { freeBytes, isDirectory } from '../dirs';
import { dockerAnswers } from '../docker/answers';
import type { Engine } from '../docker/engine';
import { remoteDockerEngine } from '../docker/remote-engine';
import type { Host } from '../host/host';
import { SshHost } from '../host/ssh-host';
import { hostKeyStatus, scanFingerprints } from '../host/ssh/host-keys';
import { SshHosts } from '../host/ssh/ssh-hosts';
import type { SshUser } from '../host/ssh/ssh-process';
import type { SettingsStore } from '../settings';
import type { HostFacts } from './host-services';

export const LOCAL = 'local';

/**
 * One round trip: who we are there, where runsc is (PATH, then the usual places, since a
 * non-interactive ssh gets a short PATH), whether sudo works without a prompt, and the
 * data dir the Desk's rule gives that user (XDG_DATA_HOME, else ~/.local/share).
 */
const PROBE = `echo "uid=$(id -u)"
r=$(command -v runsc 2>/dev/null)
if [ -z "$r" ]; then for p in /usr/local/bin/runsc /usr/bin/runsc /usr/sbin/runsc /usr/local/sbin/runsc; do if [ -x "$p" ]; then r=$p; break; fi; done; fi
echo "runsc=$r"
if [ -n "$r" ]; then echo "runscVersion=$("$r" --version 2>&1 | head -n 1)"; fi
if [ "$(id -u)" = 0 ]; then echo privilege=none; elif sudo -n true >/dev/null 2>&1; then echo privilege=sudo; else echo privilege=; fi
d=\${XDG_DATA_HOME:-}; case $d in /*) ;; *) d=$HOME/.local/share ;; esac
echo "dataDir=$d/checkpoint-desk"`;

const PROBE_TIMEOUT_MS = 30_000;

export class HostsService {
  private readonly remote: SshHosts;
  private readonly local: Host;
  private readonly settings: SettingsStore;
  private readonly dataDir: string;
  private readonly sshUser: SshUser | undefined;
  private readonly localDocker: Engine | undefined;

  /** `docker`: this machine's Docker Engine, which testHost asks for `local`. */
  constructor(options: { local: Host; settings: SettingsStore; dataDir: string; sshUser?: SshUser; docker?: Engine }) {
    this.local = options.local;
    this.localDocker = options.docker;
    this.settings = options.settings;
    this.dataDir = options.dataDir;
    this.sshUser = options.sshUser;
    this.remote = new SshHosts(options.dataDir, options.sshUser);
  }

  async listHosts(): Promise<DeskResults['listHosts']> {
    return this.infos();
  }

  async addHost(request: Request<'addHost'>): Promise<DeskResults['addHost']> {
    const hosts = this.configs();
    if (hosts.some((h) => h.name === request.name)) {
      throw new DeskError('INVALID_INPUT', `addHost: name "${request.name}" is already a host: remove it first, or choose another name.`, { field: 'name' });
    }
    if (request.acceptHostKey) {
      // Stored in known_hosts first: a host whose key cannot be accepted is not added.
      const host = this.remote.get({ name: request.name, target: request.target }, this.settings.get().sshConfigFile ?? null);
      try {
        await host.acceptHostKey();
      } catch (error) {
        await this.remote.forget(request.name);
        throw error;
      }
    }
    await this.settings.update({ hosts: [...hosts, { name: request.name, target: request.target }] });
    return this.infos();
  }

  async removeHost(request: Request<'removeHost'>): Promise<DeskResults['removeHost']> {
    if (request.name === LOCAL) throw new DeskError('INVALID_INPUT', 'removeHost: name "local" is this machine; it cannot be removed.', { field: 'name' });
    this.config(request.name);
    await this.remote.forget(request.name);
    await this.settings.update({ hosts: this.configs().filter((h) => h.name !== request.name) });
    return this.infos();
  }

  /** The Host behind a name: where a call with `host` will run (see the report on issue 14). */
  host(name: string = LOCAL): Host {
    if (name === LOCAL) return this.local;
    return this.remote.get(this.config(name), this.settings.get().sshConfigFile ?? null);
  }

  async testHost(request: Request<'testHost'>): Promise<DeskResults['testHost']> {
    const started = performance.now();
    const target = request.name === LOCAL ? null : this.config(request.name).target;
    const host = this.host(request.name);
    const empty: HostTest = { name: request.name, target, reachable: false, error: null, uid: null, root: null, runsc: null, privilege: null, imageDirs: [], durationMs: 0 };
    let said: Record<string, string>;
    try {
      if (request.acceptHostKey && host instanceof SshHost) await host.acceptHostKey();
      said = await this.probe(request.name, host);
    } catch (error) {
      const shape = error instanceof DeskError ? error.toJSON() : { code: 'INTERNAL' as const, message: String(error) };
      return { ...empty, error: shape, hostKey: await this.hostKey(host, shape), durationMs: performance.now() - started };
    }
    const uid = said.uid && /^\d+$/.test(said.uid) ? Number(said.uid) : null;
    const settings = this.settings.get();
    const runscPath = request.name === LOCAL && settings.runscPath ? settings.runscPath : said.runsc || null;
    const dirs =
      request.name === LOCAL
        ? [join(this.dataDir, 'images'), ...settings.imageDirs]
        : said.dataDir?.startsWith('/')
          ? [`${said.dataDir}/images`]
          : [];
    const [imageDirs, docker] = await Promise.all([
      Promise.all(dirs.map(async (path) => ({ path, exists: await isDirectory(host, path), freeBytes: await freeBytes(host, path) }))),
      this.docker(request.name, host),
    ]);
    return {
      ...empty,
      reachable: true,
      uid,
      root: uid === null ? null : uid === 0,
      runsc: runscPath ? { path: runscPath, version: versionOf(said.runscVersion) } : null,
      privilege: (['none', 'sudo'] as PrivilegeMode[]).find((mode) => mode === said.privilege) ?? null,
      imageDirs,
      docker,
      durationMs: performance.now() - started,
    };
  }

  /** Whether Docker answers on the host: this machine's engine, or a remote one's dial over ssh. */
  private async docker(name: string, host: Host): Promise<HostTest['docker']> {
    if (name === LOCAL) return this.localDocker ? dockerAnswers(this.localDocker) : null;
    const engine = remoteDockerEngine(host);
    if (!engine) return null;
    try {
      return await dockerAnswers(engine);
    } finally {
      engine.close();
    }
  }

  /** What a remote host's services start from when its settings do not say: probed there. */
  async facts(name: string): Promise<HostFacts> {
    const said = await this.probe(name, this.host(name));
    if (!said.dataDir?.startsWith('/')) {
      throw new DeskError('INTERNAL', `Host "${name}" did not say where its home is (HOME is unset there): set XDG_DATA_HOME for that user.`, { host: name });
    }
    const privilege = (['none', 'sudo'] as PrivilegeMode[]).find((mode) => mode === said.privilege) ?? null;
    return { dataDir: said.dataDir, runscPath: said.runsc || null, privilege };
  }

  /** One round trip of PROBE: its key=value lines. */
  private async probe(name: string, host: Host): Promise<Record<string, string>> {
    const result = await host.run({ argv: ['/bin/sh', '-c', PROBE], timeoutMs: PROBE_TIMEOUT_MS });
    if (result.exitCode !== 0) {
      throw new DeskError('INTERNAL', `The probe on host "${name}" failed (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}).`, {
        argv: result.argv, exitCode: result.exitCode, signal: result.signal, stderr: result.stderr, stdout: result.stdout,
      });
    }
    return Object.fromEntries(
      result.stdout.split('\n').flatMap((line) => {
        const eq = line.indexOf('=');
        return eq > 0 ? [[line.slice(0, eq), line.slice(eq + 1)]] : [];
      }),
    );
  }

  /** A refused host key: unknown (shown with its fingerprints, to accept) or changed (refused). */
  private async hostKey(host: Host, error: { details?: unknown }): Promise<HostTest['hostKey']> {
    const details = (error.details ?? {}) as { reason?: string; stderr?: string };
    if (details.reason !== 'host-key' || !(host instanceof SshHost)) return null;
    const status = hostKeyStatus(details.stderr ?? '') ?? 'unknown';
    return { status, fingerprints: await scanFingerprints(host, this.sshUser).catch(() => []) };
  }

  /** Ends every master connection: they would otherwise outlive the Desk by ControlPersist. */
  close(): Promise<void> {
    return this.remote.closeAll();
  }

  private configs(): HostConfig[] {
    return this.settings.get().hosts ?? [];
  }

  private config(name: string): HostConfig {
    const found = this.configs().find((h) => h.name === name);
    if (!found) throw new DeskError('NOT_FOUND', `There is no host named "${name}": add it first (addHost), or pick one of listHosts.`, { field: 'name' });
    return found;
  }

  private infos(): HostInfo[] {
    return [{ name: LOCAL, target: null }, ...this.configs().map((h) => ({ name: h.name, target: h.target }))];
  }
}

/** "runsc version release-20221025.0" → "release-20221025.0"; other words kept as they are. */
function versionOf(line: string | undefined): string | null {
  if (!line) return null;
  return line.replace(/^runsc version\s+/, '').trim() || null;
}
