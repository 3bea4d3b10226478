// Finding runsc: the configured path, else the first runsc on PATH; and every runsc on
// the host (PATH, the usual places, /opt, Docker's runtimes, the ones added in Settings).
import { delimiter, join } from 'node:path';
import { checkPaths, searchPathOf, type FileStat, type Host, type PathCheck } from '../host/host';

export interface Located {
  path: string | null;
  tried: string[];
  /** Why the configured or found path cannot be used. */
  problem: string | null;
  /** The found binary as the check saw it: the probe's cache key, without asking again. */
  file?: FileStat;
}

/** `envPath`: the host's own PATH (Host.searchPath) unless given. */
export function locateRunsc(host: Host, configured: string | null, envPath?: string): Promise<Located> {
  return locateBinary(host, 'runsc', configured, envPath);
}

/**
 * A configured path, else the first executable of that name on PATH. Every candidate is
 * checked in one batch: one round trip on a remote host, however long PATH is.
 */
export async function locateBinary(host: Host, name: string, configured: string | null, envPath?: string): Promise<Located> {
  if (configured) {
    const [check] = await checkPaths(host, [configured]);
    const problem = problemOf(check!);
    return { path: problem ? null : configured, tried: [configured], problem, ...(problem ? {} : { file: check!.stat! }) };
  }
  const candidates = (envPath ?? (await searchPathOf(host))).split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  const checks = await checkPaths(host, candidates);
  const found = checks.findIndex((check) => problemOf(check) === null);
  if (found < 0) return { path: null, tried: candidates, problem: `${name} was not found on PATH` };
  return { path: candidates[found]!, tried: candidates.slice(0, found + 1), problem: null, file: checks[found]!.stat! };
}

export async function executableProblem(host: Host, path: string): Promise<string | null> {
  const [check] = await checkPaths(host, [path]);
  return problemOf(check!);
}

/** Why a checked path is not a program this process can run, or null when it is. */
export function problemOf(check: PathCheck): string | null {
  const { path } = check;
  if (check.error) {
    if (check.error.code === 'ENOENT') return `${path} does not exist`;
    if (check.error.code === 'EACCES') return `${path} is not executable`;
    return `${path}: ${check.error.message}`;
  }
  if (check.stat.kind !== 'file') return `${path} is not a file`;
  if (!check.executable) return `${path} is not executable`;
  return null;
}

/** A runsc binary found on this host, and every place that named it. */
export interface FoundBinary {
  path: string;
  sources: string[];
}

export interface BinarySearch {
  /** The settings' runscPath: the default, listed first. */
  configured: string | null;
  /** Binaries added in Settings; listed even when broken, so Settings can say why. */
  added: string[];
  /** Docker's daemon.json, whose `runtimes` name runsc binaries. */
  dockerDaemonJson?: string;
  /** The host's own PATH (Host.searchPath) unless given. */
  envPath?: string;
}

/** The usual places, beside PATH: a release downloaded by hand, the distro's, and unpacked packages. */
const USUAL_PLACES = ['/usr/local/bin/runsc', '/usr/bin/runsc'];
/** `dpkg-deb -x` or a tarball unpacked under /opt: /opt/<name>/usr/bin/runsc or /opt/<name>/bin/runsc. */
const OPT_LAYOUTS = ['usr/bin/runsc', 'bin/runsc', 'runsc'];

/**
 * Every runsc on this host: the configured one, the added ones, PATH, the usual places,
 * /opt, and Docker's runtimes. Found ones must be executable files; the same file is
 * listed once, with all its sources.
 */
export async function discoverRunscBinaries(host: Host, search: BinarySearch): Promise<FoundBinary[]> {
  // Every candidate first, in order, with the place that named it; then one batch check.
  const [optNames, docker, envPath] = await Promise.all([dirNames(host, '/opt'), dockerRuntimes(host, search.dockerDaemonJson), search.envPath ?? searchPathOf(host)]);
  const candidates: { path: string; source: string; mustRun: boolean }[] = [];
  if (search.configured) candidates.push({ path: search.configured, source: 'settings', mustRun: false });
  for (const path of search.added) candidates.push({ path, source: 'added', mustRun: false });
  for (const dir of envPath.split(delimiter).filter(Boolean)) candidates.push({ path: join(dir, 'runsc'), source: 'PATH', mustRun: true });
  for (const path of USUAL_PLACES) candidates.push({ path, source: path.slice(0, path.lastIndexOf('/')), mustRun: true });
  for (const name of optNames) {
    for (const layout of OPT_LAYOUTS) candidates.push({ path: join('/opt', name, layout), source: '/opt', mustRun: true });
  }
  for (const { name, path } of docker) candidates.push({ path, source: `docker runtime ${name}`, mustRun: true });
  const checks = await checkPaths(host, [...new Set(candidates.map((c) => c.path))]);
  // One file is one binary, under whichever name came first: a merged /usr makes
  // /bin/runsc (PATH) and /usr/bin/runsc (the usual place) the same file, and two
  // entries would mean two probes and two rows for one runsc.
  const fileOf = new Map(checks.map((check) => [check.path, problemOf(check) === null ? check.stat!.fileId : null]));
  const found = new Map<string, FoundBinary>();
  for (const { path, source, mustRun } of candidates) {
    const file = fileOf.get(path);
    if (!file && mustRun) continue;
    const key = file ?? `path:${path}`;
    const known = found.get(key);
    if (!known) found.set(key, { path, sources: [source] });
    else if (!known.sources.includes(source)) known.sources.push(source);
  }
  return [...found.values()];
}

/** Docker's runtimes whose name or binary says runsc, with their binary's path. */
export async function dockerRuntimes(host: Host, daemonJson = '/etc/docker/daemon.json'): Promise<{ name: string; path: string }[]> {
  return runscRuntimesOf(await readDaemonJson(host, daemonJson));
}

/** daemon.json, parsed; null when it is missing or unreadable (then no runtime, and no profile). */
export async function readDaemonJson(host: Host, path: string): Promise<unknown> {
  try {
    return JSON.parse(await host.readFile(path)) as unknown;
  } catch {
    return null;
  }
}

/** Docker's one rule for "a runsc runtime", wherever a runtime is looked at: its name, or its binary, says runsc. */
export function namesRunsc(name: string, path: string | undefined): boolean {
  return name.includes('runsc') || /(^|\/)runsc$/.test(path ?? '');
}

/** The runsc runtimes of a parsed daemon.json (see dockerRuntimes). */
export function runscRuntimesOf(config: unknown): { name: string; path: string }[] {
  const runtimes = (config as { runtimes?: Record<string, { path?: string }> } | null)?.runtimes ?? {};
  return Object.entries(runtimes)
    .filter(([name, runtime]) => namesRunsc(name, runtime?.path))
    .map(([name, runtime]) => ({ name, path: runtime?.path ?? name }))
    .filter((r) => r.path.startsWith('/'));
}

async function dirNames(host: Host, path: string): Promise<string[]> {
  try {
    return (await host.readdir(path)).filter((d) => d.kind === 'dir').map((d) => d.name);
  } catch {
    return [];
  }
}
