// Docker's runtimes, as the Desk sees them: which are runsc (and so listed), which runsc
// binary each names, and what that runsc can do for a leave-running checkpoint.
import type { Host } from '../host/host';
import { resumesInPlace } from '../checkpoint/generation';
import type { EngineInfo } from './engine';
import { namesRunsc } from '../runsc/locate';

/** Docker's own restore is broken from v28 on (moby/moby#50750); gVisor's tests skip it there. */
export const LAST_DOCKER_WITH_RESTORE = 27;

/** A runtime is runsc when its name or its binary says so; runc and others are not listed. */
export function isRunscRuntime(info: Pick<EngineInfo, 'runtimes'>, runtime: string): boolean {
  return namesRunsc(runtime, info.runtimes[runtime]?.path);
}

export function runscPathOf(info: Pick<EngineInfo, 'runtimes'>, runtime: string): string {
  return info.runtimes[runtime]?.path ?? runtime;
}

/** The daemon's major version ("20.10.24+dfsg1" → 20), or null when unreadable. */
export function dockerMajor(version: string): number | null {
  const match = /^(\d+)\./.exec(version);
  return match ? Number(match[1]) : null;
}

/** Why Docker cannot restore a checkpoint here, or null when it can. */
export function restoreRefusal(info: Pick<EngineInfo, 'version' | 'experimental'>): string | null {
  if (!info.experimental) return experimentalOff();
  const major = dockerMajor(info.version);
  if (major !== null && major > LAST_DOCKER_WITH_RESTORE) {
    return `Docker ${info.version} cannot restore a checkpoint: restore is broken from Docker 28 on (moby/moby#50750). Use Docker 27 or older to restore.`;
  }
  return null;
}

export function experimentalOff(): string {
  return 'docker checkpoint is an experimental Docker feature, and this dockerd runs without it. Set "experimental": true in /etc/docker/daemon.json and restart dockerd.';
}

/** `runsc --version` of each runtime binary, asked once per path. */
export class RuntimeVersions {
  private readonly versions = new Map<string, Promise<string | null>>();

  constructor(private readonly host: Host) {}

  version(runscPath: string): Promise<string | null> {
    let pending = this.versions.get(runscPath);
    if (!pending) {
      pending = this.host
        .run({ argv: [runscPath, '--version'], timeoutMs: 10_000 })
        .then((r) => /runsc version (\S+)/.exec(r.stdout)?.[1] ?? null)
        .catch(() => null);
      this.versions.set(runscPath, pending);
    }
    return pending;
  }

  /**
   * Whether Docker's own leave-running works with this runsc: only a runsc that resumes
   * in place (2024 on). 2022 runsc panics `invalid state transition: paused => stopped`
   * and the container dies. Unknown counts as no: checkpoint-then-start always works.
   */
  async nativeLeaveRunning(runscPath: string): Promise<{ native: boolean; version: string | null }> {
    const version = await this.version(runscPath);
    const inPlace = version ? resumesInPlace({ version, global: [], subcommands: {} }) : null;
    return { native: inPlace === true, version };
  }
}
