// What the Docker tests need from the machine: Debian's dockerd with runsc runtimes
// (started by scripts/ci/start-dockerd.sh, by .ci/run or by the tests themselves), and a
// busybox image made with `docker import` (no registry is reachable).
// Under CI=true a missing piece fails the suite; elsewhere the suite skips and says why.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeskError } from '../../shared/errors';
import type { Engine, EngineContainer, EngineInfo } from '../../electron/desk/docker/engine';

/** Debian's client, the daemon's own version: /usr/local/bin/docker may be a newer one. */
export const DOCKER = '/usr/bin/docker';
const START_SCRIPT = join(__dirname, '..', '..', 'scripts', 'ci', 'start-dockerd.sh');
export const IMAGE = 'busybox:local';
export const RUNSC_2024 = '/opt/runsc-20240729/usr/bin/runsc';
/** Docker's runsc containers live in this runsc root (Docker 20.10, shim v2). */
export const DOCKER_RUNSC_ROOT = '/var/run/docker/runtime-runc/moby';
export const COUNTER = 'i=0; while true; do echo $i; i=$((i+1)); sleep 1; done';

export function docker(...args: string[]): string {
  return execFileSync(DOCKER, args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Why the Docker tests cannot run here, or null when they can. */
export function missingForDocker(): string | null {
  if (process.getuid?.() !== 0) return 'dockerd runs as root';
  if (!existsSync('/usr/sbin/dockerd') || !existsSync(DOCKER)) return 'docker.io is not installed (apt-get install docker.io)';
  if (!existsSync('/usr/bin/runsc')) return 'runsc is not installed';
  if (!existsSync(RUNSC_2024)) return `the 2024 runsc is not at ${RUNSC_2024} (scripts/ci/install-runsc-current.sh)`;
  if (!existsSync('/bin/busybox')) return 'busybox-static is not installed';
  return null;
}

export function requireDocker(): boolean {
  const missing = missingForDocker();
  if (missing && process.env.CI === 'true') throw new Error(`CI=true but the Docker tests cannot run: ${missing}`);
  if (missing) console.warn(`Skipping Docker tests: ${missing}`);
  return missing === null;
}

/** Starts dockerd when it does not answer; true when this call started it (and so must stop it). */
export function ensureDockerd(): boolean {
  return execFileSync('bash', [START_SCRIPT], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'inherit'] }).trim() === 'started';
}

/** Stops the dockerd that ensureDockerd started, by its pid. */
export function stopDockerd(pidFile = process.env.DESK_DOCKERD_PID ?? '/run/desk-dockerd.pid'): void {
  try {
    const pid = Number(execFileSync('cat', [pidFile], { encoding: 'utf8' }).trim());
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** busybox:local, from a folder holding Debian's static busybox. */
export function ensureBusyboxImage(): void {
  try {
    docker('image', 'inspect', IMAGE);
    return;
  } catch {
    // Not there yet: make it.
  }
  const dir = mkdtempSync(join(tmpdir(), 'desk-busybox-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync('/bin/busybox', join(dir, 'bin', 'busybox'));
    for (const applet of ['sh', 'sleep', 'echo', 'cat', 'ls']) symlinkSync('busybox', join(dir, 'bin', applet));
    execFileSync('sh', ['-c', `tar -C '${dir}' -c . | ${DOCKER} import - ${IMAGE}`], { timeout: 60_000, stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A detached counter under a runsc runtime; returns its full id. */
export function runCounter(name: string, runtime: string): string {
  return docker('run', '-d', `--runtime=${runtime}`, '--name', name, IMAGE, 'sh', '-c', COUNTER);
}

export interface DockerState {
  Status: string;
  Running: boolean;
  Paused: boolean;
  Pid: number;
}

export function dockerState(id: string): DockerState {
  return JSON.parse(docker('inspect', '--format', '{{json .State}}', id)) as DockerState;
}

/** The last number the counter printed. */
export function lastCount(id: string): number {
  const lines = docker('logs', id).split('\n').filter((l) => /^\d+$/.test(l.trim()));
  return lines.length ? Number(lines.at(-1)) : -1;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Removes the test's containers by id. 2022 runsc leaves the state of a sandbox that was
 * started from a checkpoint and checkpointed again (paused, its process gone), and Docker
 * cannot clean that up: the test removes what it made itself, with runsc, before Docker
 * removes the container. (The Desk never does this behind Docker's back.)
 */
export function removeContainers(ids: string[]): void {
  for (const id of ids) {
    const leftover = existsSync(join(DOCKER_RUNSC_ROOT, `${id}_sandbox:${id}.state`));
    if (leftover) spawnSync('/usr/bin/runsc', ['--root', DOCKER_RUNSC_ROOT, 'delete', '--force', id], { timeout: 30_000, stdio: 'ignore' });
    try {
      docker('rm', '-f', id);
    } catch {
      // Already removed.
    }
  }
  // A checkpointed task's containerd shim can outlive its container: end the ones of these ids, by pid.
  for (const id of ids) {
    const found = spawnSync('pgrep', ['-f', `containerd-shim-runc-v2 -namespace moby -id ${id}`], { encoding: 'utf8' }).stdout;
    for (const pid of found.split('\n').map(Number).filter((n) => n > 0)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

// Fakes for the unit tests of the mapping code: never the test of Docker itself.

export const INFO: EngineInfo = {
  version: '20.10.24+dfsg1',
  apiVersion: '1.41',
  experimental: true,
  rootDir: '/var/lib/docker',
  runtimes: {
    runc: { path: 'runc', runtimeArgs: [] },
    runsc: { path: '/usr/bin/runsc', runtimeArgs: ['--network=none'] },
    gvisor: { path: '/opt/bin/runsc', runtimeArgs: [] },
  },
};

export function engineContainer(over: Partial<EngineContainer> = {}): EngineContainer {
  return { id: 'a'.repeat(64), name: 'web', image: 'nginx:1.27', state: 'running', pid: 42, labels: {}, runtime: 'runsc', created: '2026-12-01T00:00:00Z', ...over };
}

export function fakeEngine(containers: EngineContainer[], info: EngineInfo = INFO): Engine {
  return {
    socket: '/fake.sock',
    info: async () => info,
    containers: async () => containers,
    inspect: async (id) => containers.find((c) => c.id === id) ?? Promise.reject(new DeskError('NOT_FOUND', `no ${id}`)),
    listCheckpoints: async () => [],
    createCheckpoint: async () => {},
    deleteCheckpoint: async () => {},
    start: async () => {},
    stop: async () => {},
  };
}
