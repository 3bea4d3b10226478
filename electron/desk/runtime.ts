// The runsc in use right now: located from the settings, probed once per binary.
import { DeskError } from '../../shared/errors';
import type { PrivilegeMode, RunscInfo } from '../../shared/model';
import type { Host } from './host/host';
import { RunscClient } from './runsc/client';
import { locateRunsc } from './runsc/locate';
import { probeRunsc } from './runsc/probe';

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
