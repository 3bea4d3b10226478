// The runtime: the runsc in use right now, located from the settings and probed once per
// binary, what it can do, and the GPU side of the host.
import { DeskError } from '../../../shared/errors';
import { CHECKPOINT_OPTIONS } from '../../../shared/flag-catalogue';
import type { GpuOverview } from '../../../shared/gpu';
import type { OptionSupport, PrivilegeMode, RunscInfo } from '../../../shared/model';
import { gpuOverview } from '../cuda/host';
import type { Host } from '../host/host';
import { findFlag } from '../runsc/capabilities';
import { RunscClient } from '../runsc/client';
import { locateRunsc } from '../runsc/locate';
import { probeRunsc } from '../runsc/probe';
import type { SettingsStore } from '../settings';

export interface Runtime {
  info: RunscInfo;
  client: RunscClient | null;
}

export async function resolveRuntime(host: Host, configuredPath: string | null, privilege: PrivilegeMode, queryTimeoutMs?: number): Promise<Runtime> {
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
    const caps = await probeRunsc(host, located.path);
    return {
      info: { path: located.path, tried: located.tried, version: caps.version, capabilities: caps, error: null },
      client: new RunscClient(host, located.path, caps, privilege, queryTimeoutMs),
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

export class RuntimeService {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsStore,
    private readonly queryTimeoutMs?: number,
  ) {}

  /** Asked afresh on every call: the settings, or the binary, may have changed. */
  current(): Promise<Runtime> {
    const { runscPath, privilege } = this.settings.get();
    return resolveRuntime(this.host, runscPath, privilege, this.queryTimeoutMs);
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
