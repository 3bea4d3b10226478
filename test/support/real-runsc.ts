// What the integration tests need from the machine: the real runsc, root, and busybox.
// Under CI=true a missing piece fails the suite; elsewhere the suite skips and says why.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function realRunsc(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v runsc'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Why the real-runsc tests cannot run here, or null when they can. */
export function missingForRealRunsc(): string | null {
  if (!realRunsc()) return 'runsc is not installed (apt-get install runsc)';
  if (process.getuid?.() !== 0) return 'runsc sandboxes need root';
  if (!existsSync('/bin/busybox')) return 'busybox-static is not installed';
  return null;
}

/** A Debian runsc build the real-runsc suites run against, by its version. */
export interface RunscBuild {
  label: string;
  path: string;
}

/** Where each Debian build lives: the system's runsc, and the backport that .ci/run unpacks beside it. */
const DEBIAN_BUILDS: { label: string; path: () => string | null }[] = [
  { label: '0.0~20221219.0', path: realRunsc },
  { label: '0.0~20240729.0', path: () => process.env.RUNSC_CURRENT ?? '/opt/runsc-20240729/usr/bin/runsc' },
];

function versionOf(path: string): string | null {
  try {
    return /runsc version (\S+)/.exec(execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 }))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The Debian runsc builds present here, each checked by its own --version. Under CI=true
 * every build is required: a suite that silently ran on one build would hide the other.
 */
export function realRunscBuilds(): RunscBuild[] {
  if (!requireRealRunsc()) return [];
  const builds: RunscBuild[] = [];
  for (const build of DEBIAN_BUILDS) {
    const path = build.path();
    const version = path ? versionOf(path) : null;
    if (path && version === build.label) {
      builds.push({ label: build.label, path });
      continue;
    }
    const missing = `runsc ${build.label} is not at ${path ?? 'PATH'} (found ${version ?? 'nothing'}); scripts/ci/install-runsc-current.sh unpacks the backport`;
    if (process.env.CI === 'true') throw new Error(`CI=true but a real-runsc build is missing: ${missing}`);
    console.warn(`Skipping real-runsc tests on ${build.label}: ${missing}`);
  }
  return builds;
}

/** The 2024 build and later: leave-running resumes in place, --compression and --direct exist. */
export function isCurrentBuild(build: RunscBuild): boolean {
  return build.label >= '0.0~20240415.0';
}

export function requireRealRunsc(): boolean {
  const missing = missingForRealRunsc();
  if (missing && process.env.CI === 'true') throw new Error(`CI=true but the real-runsc tests cannot run: ${missing}`);
  if (missing) console.warn(`Skipping real-runsc tests: ${missing}`);
  return missing === null;
}

/**
 * A runsc that logs every argv, then runs the real one. Tests read the log to prove
 * that bad input spawned nothing, and that refreshes are coalesced.
 */
export function spyRunsc(dir = mkdtempSync(join(tmpdir(), 'desk-spy-')), binary = realRunsc()!): { path: string; calls: () => string[][] } {
  const log = join(dir, 'calls.log');
  const path = join(dir, 'runsc');
  writeFileSync(log, '');
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\0' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${binary}' "$@"\n`);
  chmodSync(path, 0o755);
  return {
    path,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\0').filter(Boolean)),
  };
}

/** The Desk's sample: a counter written every second (a busy sandbox: a fork of sleep each second). */
export const COUNTER = ['/bin/busybox', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; sleep 1; done'];

/** A busybox bundle whose command is a counter, like the Desk's sample, or `args`. */
export function busyboxBundle(dir: string, args: string[] = COUNTER): string {
  execFileSync('mkdir', ['-p', join(dir, 'rootfs', 'bin'), join(dir, 'rootfs', 'tmp')]);
  execFileSync('cp', ['/bin/busybox', join(dir, 'rootfs', 'bin', 'busybox')]);
  const spec = {
    ociVersion: '1.0.0',
    process: {
      user: { uid: 0, gid: 0 },
      args,
      env: ['PATH=/bin'],
      cwd: '/',
    },
    root: { path: 'rootfs', readonly: true },
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs' },
    ],
    linux: { namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }] },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(spec));
  return dir;
}

/** Starts a sandbox the way a person would, outside the Desk. Stdio to a file: see the detached-stdio pitfall. */
export function runSandbox(root: string, bundle: string, id: string, globalFlags = ['--network=none'], binary = realRunsc()!): void {
  execFileSync(binary, [`--root=${root}`, ...globalFlags, 'run', '--detach', `--bundle=${bundle}`, id], {
    stdio: ['ignore', 'ignore', 'ignore'],
    timeout: 30_000,
  });
}
