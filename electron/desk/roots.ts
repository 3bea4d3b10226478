// The runsc roots the Desk scans: the known locations that exist, the Desk's own, and
// those the user added. Each root has a global flags profile that goes before the
// subcommand on every call, so run, checkpoint and restore agree.
import { join } from 'node:path';
import type { Capabilities, ManagerKind, RootInfo, RootSource, Settings } from '../../shared/model';
import { checkPaths, type Host } from './host/host';
import { findFlag, splitFlag } from './runsc/capabilities';
import { namesRunsc, readDaemonJson, runscRuntimesOf } from './runsc/locate';

export interface RootProfile {
  path: string;
  source: RootSource;
  /** As configured, before validation. */
  requestedFlags: string[];
  profileSource: RootInfo['profileSource'];
  removable: boolean;
  /** The runsc binary bound to this root (Docker's runtime, the user's choice); null: the default. */
  runsc: string | null;
}

/** A root ready for calls: its profile, and the flags from it that this runsc knows. */
export interface ResolvedRoot {
  profile: RootProfile;
  /** Who owns the lifecycle of its containers. */
  manager: ManagerKind;
  ctx: { root: string; globalFlags: string[] };
  problems: string[];
}

export interface KnownLocations {
  /** Fixed candidates, in order. */
  fixed: string[];
  /** Parents whose every child folder is a root (containerd namespaces). */
  containerdParent: string;
  dockerDaemonJson: string;
  xdgRuntimeDir: string | undefined;
}

export function defaultLocations(env: NodeJS.ProcessEnv = process.env): KnownLocations {
  return {
    fixed: ['/var/run/runsc', '/var/run/docker/runtime-runc/moby', '/var/run/docker/runtime-runsc/moby'],
    containerdParent: '/run/containerd/runsc',
    dockerDaemonJson: '/etc/docker/daemon.json',
    xdgRuntimeDir: env.XDG_RUNTIME_DIR,
  };
}

/** Every place the Desk looks, for the empty state to explain. */
export function lookedAt(loc: KnownLocations): string[] {
  const places = [...loc.fixed, `${loc.containerdParent}/<namespace>`];
  if (loc.xdgRuntimeDir) places.push(join(loc.xdgRuntimeDir, 'runsc'));
  return places;
}

/**
 * The known locations that are folders, each with its source and (a Docker root) its
 * profile and runsc. Asked in one batch stat beside one read of daemon.json, then the
 * containerd namespaces where that parent exists: one or two round trips on a remote
 * host, however many places there are to look.
 */
export async function discoverRoots(host: Host, loc: KnownLocations): Promise<RootProfile[]> {
  const xdg = loc.xdgRuntimeDir ? join(loc.xdgRuntimeDir, 'runsc') : null;
  const places = [...loc.fixed, loc.containerdParent, ...(xdg ? [xdg] : [])];
  const [checks, daemon] = await Promise.all([checkPaths(host, places), readDaemonJson(host, loc.dockerDaemonJson)]);
  const isDir = new Map(checks.map((c) => [c.path, c.stat?.kind === 'dir']));
  const docker = runtimeArgsOf(daemon);
  // Docker's runtimes share one root; each container runs under its own runtime's binary
  // (the Docker listing knows which), and the root itself is bound to the first runsc runtime.
  const dockerRunsc = runscRuntimesOf(daemon)[0]?.path ?? null;
  const found: RootProfile[] = [];
  const add = (path: string, source: RootSource) => {
    const flags = source === 'docker' ? docker : [];
    found.push({
      path,
      source,
      requestedFlags: flags,
      profileSource: source === 'docker' && flags.length > 0 ? 'docker-daemon.json' : 'none',
      removable: false,
      runsc: source === 'docker' ? dockerRunsc : null,
    });
  };
  for (const path of loc.fixed) if (isDir.get(path)) add(path, path.includes('/docker/') ? 'docker' : 'default');
  // A namespace is a folder the directory lists as one (not a link): no stat of its own.
  if (isDir.get(loc.containerdParent)) {
    for (const ns of await safeReaddir(host, loc.containerdParent)) add(join(loc.containerdParent, ns), 'containerd');
  }
  if (xdg && isDir.get(xdg)) add(xdg, 'user-runtime');
  return found;
}

/**
 * Docker passes `runtimes.<name>.runtimeArgs` to runsc on every call. Only runtimes
 * whose path or name is runsc count; the first one wins.
 */
export async function dockerRuntimeArgs(host: Host, daemonJson: string): Promise<string[]> {
  return runtimeArgsOf(await readDaemonJson(host, daemonJson));
}

/** See dockerRuntimeArgs: the same, from a parsed daemon.json. */
function runtimeArgsOf(config: unknown): string[] {
  const runtimes = (config as { runtimes?: Record<string, { path?: string; runtimeArgs?: unknown } | null> } | null)?.runtimes ?? {};
  for (const [name, runtime] of Object.entries(runtimes)) {
    if (namesRunsc(name, runtime?.path) && Array.isArray(runtime?.runtimeArgs)) return runtime.runtimeArgs.map(String);
  }
  return [];
}

/** Merges the discovered roots, the Desk's own root, and the user's roots and overrides. */
export function assembleRoots(discovered: RootProfile[], deskRoot: string, settings: Settings): RootProfile[] {
  const roots = new Map<string, RootProfile>();
  roots.set(deskRoot, { path: deskRoot, source: 'desk', requestedFlags: ['--network=none'], profileSource: 'desk', removable: false, runsc: null });
  for (const root of discovered) if (!roots.has(root.path)) roots.set(root.path, root);
  for (const user of settings.userRoots) {
    roots.set(user.path, { path: user.path, source: 'user', requestedFlags: user.globalFlags, profileSource: 'user', removable: true, runsc: user.runsc ?? null });
  }
  for (const [path, flags] of Object.entries(settings.profiles)) {
    const root = roots.get(path);
    if (root) roots.set(path, { ...root, requestedFlags: flags, profileSource: 'user' });
  }
  return [...roots.values()];
}

export function unknownRootMessage(path: string): string {
  return `${path} is not a runsc root the Desk knows. Add it in Settings first.`;
}

/** Flags the Desk may not put in a profile: it sets them itself, per call. */
const RESERVED_GLOBAL_FLAGS = new Set(['root']);

/** Splits a profile into the flags this runsc knows and the problems with the others. */
export function validateProfile(flags: string[], caps: Capabilities | null): { valid: string[]; problems: string[] } {
  const valid: string[] = [];
  const problems: string[] = [];
  for (const flag of flags) {
    const { name, value } = splitFlag(flag);
    if (RESERVED_GLOBAL_FLAGS.has(name)) {
      problems.push(`--${name} is set by the Desk from the root's path; remove it from the profile`);
      continue;
    }
    if (!caps) {
      valid.push(flag);
      continue;
    }
    const spec = findFlag(caps.global, name);
    if (!spec) {
      problems.push(`--${name} is not a global flag of runsc ${caps.version}`);
    } else if (spec.type !== 'bool' && value === undefined) {
      problems.push(`--${name} needs a value (--${name}=…)`);
    } else {
      valid.push(`--${name}${value === undefined ? '' : `=${value}`}`);
    }
  }
  return { valid, problems };
}

async function safeReaddir(host: Host, path: string): Promise<string[]> {
  try {
    return (await host.readdir(path)).filter((d) => d.kind === 'dir').map((d) => d.name);
  } catch {
    return [];
  }
}
