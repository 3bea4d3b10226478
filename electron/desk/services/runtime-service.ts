// The runtimes: every runsc binary on the host, each probed once per path and mtime, the
// default one (the settings' runscPath, else PATH), the one each root is bound to, what
// each can do, and the GPU side of the host. Constructed with a Host: the same service
// answers for this machine and for a remote one.
import { DeskError } from '../../../shared/errors';
import { CHECKPOINT_OPTIONS } from '../../../shared/flag-catalogue';
import type { GpuOverview } from '../../../shared/gpu';
import type { OptionSupport, PrivilegeMode, RunscBinaryInfo, RunscInfo } from '../../../shared/model';
import { gpuOverview } from '../cuda/host';
import type { Host } from '../host/host';
import { findFlag } from '../runsc/capabilities';
import { RunscClient } from '../runsc/client';
import { hasFlag } from '../runsc/capabilities';
import { discoverRunscBinaries, locateRunsc } from '../runsc/locate';
import type { KeptProbes } from '../runsc/kept-probes';
import { probeRunsc } from '../runsc/probe';
import { REMOTE_FACTS, Revalidating } from '../revalidating';
import type { SettingsStore } from '../settings';

export interface Runtime {
  info: RunscInfo;
  client: RunscClient | null;
}

export async function resolveRuntime(host: Host, configuredPath: string | null, privilege: PrivilegeMode, options: RuntimeOptions = {}): Promise<Runtime> {
  const located = await locateRunsc(host, configuredPath);
  if (!located.path) {
    const error = new DeskError(
      'RUNSC_MISSING',
      `runsc is not installed or not usable: ${located.problem}. Install gVisor (apt-get install runsc), or set the runsc path in Settings.`,
      { tried: located.tried },
    );
    return { info: { path: null, tried: located.tried, version: null, capabilities: null, error: error.toJSON() }, client: null };
  }
  try {
    const caps = await probeRunsc(host, located.path, { ...(located.file ? { file: located.file } : {}), ...(options.kept ? { kept: options.kept } : {}) });
    return {
      info: { path: located.path, tried: located.tried, version: caps.version, capabilities: caps, error: null },
      client: new RunscClient(host, located.path, caps, privilege, options.queryTimeoutMs),
    };
  } catch (error) {
    const deskError = DeskError.from(error);
    return {
      info: { path: located.path, tried: located.tried, version: null, capabilities: null, error: deskError.toJSON() },
      client: null,
    };
  }
}

/** The error every runsc-backed call returns while runsc is unusable. */
export function runscUnavailable(info: RunscInfo): DeskError {
  return info.error ? DeskError.from(info.error) : new DeskError('RUNSC_MISSING', 'runsc is not available.');
}

/** What a root needs to pick its binary: its own (Docker's runtime, the user's choice), else the default. */
export interface BoundRoot {
  profile: { runsc?: string | null };
}

export interface RuntimeOptions {
  /** How long a list or state call may take (RunscClient's default otherwise). */
  queryTimeoutMs?: number;
  /** Docker's daemon.json on the host, whose runtimes name runsc binaries (default /etc/docker/daemon.json). */
  dockerDaemonJson?: string;
  /** Probes kept between runs of the Desk. */
  kept?: KeptProbes;
}

export class RuntimeService {
  constructor(
    readonly host: Host,
    private readonly settings: SettingsStore,
    private readonly options: RuntimeOptions = {},
  ) {}

  /** A remote host's resolved runsc, by configured path and privilege (see `resolve`). */
  private readonly resolved = new Map<string, Revalidating<Runtime>>();

  /** The default runsc: the settings, or the binary, may have changed since the last call. */
  current(): Promise<Runtime> {
    const { runscPath, privilege } = this.settings.get();
    return this.resolve(runscPath, privilege);
  }

  /** A given binary, probed (cached per path and mtime: a binary replaced on disk is probed again). */
  forPath(path: string): Promise<Runtime> {
    return this.resolve(path, this.settings.get().privilege);
  }

  /**
   * Locating runsc and checking the probe's mtime cost one batch stat: free here, but a
   * round trip on a remote host, before every call. So a remote host keeps what it found
   * (REMOTE_FACTS: fresh for a few seconds, then refreshed behind the caller's back, never
   * answered older than the maximum age), keyed by the configured path and privilege (a
   * settings change is a new key); each refresh locates it again, and the probe's own cache
   * (path and mtime) catches a binary replaced on disk. A runsc that could not be used is
   * never kept: a fix shows on the next call. This machine's is asked afresh every time.
   */
  private resolve(path: string | null, privilege: PrivilegeMode): Promise<Runtime> {
    if (this.host.name === 'local') return resolveRuntime(this.host, path, privilege, this.options);
    const key = `${path ?? ''}\0${privilege}`;
    let entry = this.resolved.get(key);
    if (!entry) {
      entry = new Revalidating(() => resolveRuntime(this.host, path, privilege, this.options), { ...REMOTE_FACTS, keep: (r) => r.client !== null });
      this.resolved.set(key, entry);
    }
    return entry.get();
  }

  /** The runsc a root's calls use: the one it is bound to, else the default. */
  runtimeFor(root: BoundRoot | null): Promise<Runtime> {
    const bound = root?.profile.runsc;
    return bound ? this.forPath(bound) : this.current();
  }

  /**
   * Every runsc on the host, probed, one per version: the default first, then the ones
   * added in Settings, then those found. A binary that cannot run is listed with its error.
   */
  async binaries(): Promise<(RunscBinaryInfo & { runtime: Runtime })[]> {
    const { runscPath, runscBinaries } = this.settings.get();
    const defaultRuntime = await this.current();
    const found = await discoverRunscBinaries(this.host, { configured: runscPath ?? defaultRuntime.info.path, added: runscBinaries ?? [], dockerDaemonJson: this.options.dockerDaemonJson ?? '/etc/docker/daemon.json' });
    const probed = await Promise.all(found.map(async (f) => ({ ...f, runtime: await this.forPath(f.path) })));
    const byVersion = new Map<string, RunscBinaryInfo & { runtime: Runtime }>();
    const listed: (RunscBinaryInfo & { runtime: Runtime })[] = [];
    for (const { path, sources, runtime } of probed) {
      const version = runtime.info.version;
      const same = version ? byVersion.get(version) : undefined;
      if (same) {
        same.alsoAt.push(path);
        for (const source of sources) if (!same.sources.includes(source)) same.sources.push(source);
        continue;
      }
      const caps = runtime.info.capabilities;
      const info = {
        path,
        sources: [...sources],
        alsoAt: [],
        version,
        isDefault: path === defaultRuntime.info.path,
        checkpointOptions: this.checkpointSupport(runtime),
        restoreOptions: { direct: caps ? hasFlag(caps, 'restore', 'direct') : false, background: caps ? hasFlag(caps, 'restore', 'background') : false },
        error: runtime.info.error,
        runtime,
      };
      if (version) byVersion.set(version, info);
      listed.push(info);
    }
    return listed;
  }

  /** The first binary of this version on the host, or null. */
  async forVersion(version: string): Promise<Runtime | null> {
    return (await this.binaries()).find((b) => b.version === version && b.runtime.client)?.runtime ?? null;
  }

  /**
   * Why this path cannot be a runsc the Desk uses, in what it printed; null when it can.
   * Settings refuse such a path before saving it.
   */
  async refusal(path: string): Promise<DeskError | null> {
    const runtime = await this.forPath(path);
    if (runtime.client) return null;
    const error = runtime.info.error;
    const details = (error?.details ?? {}) as { stdout?: unknown; stderr?: unknown };
    const printed = [details.stdout, details.stderr].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join('\n').trim();
    const said = printed ? ` It printed: ${printed.split('\n').slice(0, 3).join(' / ').slice(0, 400)}` : '';
    const why = (error?.message ?? 'it did not answer as runsc').replace(/\.$/, '');
    return new DeskError('INVALID_INPUT', `${path} is not a runsc the Desk can use: ${why}.${said}`, { path, printed });
  }

  /** The client, or the error that says why runsc cannot be used. */
  async client(): Promise<RunscClient> {
    const runtime = await this.current();
    if (!runtime.client) throw runscUnavailable(runtime.info);
    return runtime.client;
  }

  gpu(runtime: Runtime): Promise<GpuOverview> {
    return gpuOverview(this.host, runtime.info.capabilities, this.settings.get().cudaCheckpointPath);
  }

  /** Each checkpoint option, and whether this runsc has its flag. */
  checkpointSupport(runtime: Runtime): OptionSupport[] {
    const flags = runtime.info.capabilities?.subcommands.checkpoint;
    return CHECKPOINT_OPTIONS.map(({ option, flag }) => {
      const spec = findFlag(flags, flag);
      return { option, flag: `--${flag}`, supported: spec !== undefined, help: spec?.help ?? null };
    });
  }
}
