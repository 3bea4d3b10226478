// Finding runsc: the configured path, else the first runsc on PATH; and every runsc on
// the host (PATH, the usual places, /opt, Docker's runtimes, the ones added in Settings).
import { delimiter, join } from 'node:path';
import { errorCode, type Host } from '../host/host';

export interface Located {
  path: string | null;
  tried: string[];
  /** Why the configured or found path cannot be used. */
  problem: string | null;
}

export function locateRunsc(host: Host, configured: string | null, envPath = process.env.PATH ?? ''): Promise<Located> {
  return locateBinary(host, 'runsc', configured, envPath);
}

/** A configured path, else the first executable of that name on PATH. */
export async function locateBinary(host: Host, name: string, configured: string | null, envPath = process.env.PATH ?? ''): Promise<Located> {
  if (configured) {
    const problem = await executableProblem(host, configured);
    return { path: problem ? null : configured, tried: [configured], problem };
  }
  const tried: string[] = [];
  for (const dir of envPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    tried.push(candidate);
    if (!(await executableProblem(host, candidate))) return { path: candidate, tried, problem: null };
  }
  return { path: null, tried, problem: `${name} was not found on PATH` };
}

export async function executableProblem(host: Host, path: string): Promise<string | null> {
  try {
    const stat = await host.stat(path);
    if (stat.kind !== 'file') return `${path} is not a file`;
    if (!(await host.access(path, 'execute'))) return `${path} is not executable`;
    return null;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return `${path} does not exist`;
    if (code === 'EACCES') return `${path} is not executable`;
    return `${path}: ${(error as Error).message}`;
  }
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
  envPath?: string;
}

/** The usual places, beside PATH: a release downloaded by hand, the distro's, and unpacked packages. */
const USUAL_PLACES = ['/usr/local/bin/runsc', '/usr/bin/runsc'];
/** `dpkg-deb -x` or a tarball unpacked under /opt: /opt/<name>/usr/bin/runsc or /opt/<name>/bin/runsc. */
const OPT_LAYOUTS = ['usr/bin/runsc', 'bin/runsc', 'runsc'];

/**
 * Every runsc on this host: the configured one, the added ones, PATH, the usual places,
 * /opt, and Docker's runtimes. Found ones must be executable files; the same path is
 * listed once, with all its sources.
 */
export async function discoverRunscBinaries(host: Host, search: BinarySearch): Promise<FoundBinary[]> {
  const found = new Map<string, FoundBinary>();
  const add = async (path: string, source: string, mustRun: boolean) => {
    const known = found.get(path);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      return;
    }
    if (mustRun && (await executableProblem(host, path))) return;
    found.set(path, { path, sources: [source] });
  };
  if (search.configured) await add(search.configured, 'settings', false);
  for (const path of search.added) await add(path, 'added', false);
  for (const dir of (search.envPath ?? process.env.PATH ?? '').split(delimiter).filter(Boolean)) await add(join(dir, 'runsc'), 'PATH', true);
  for (const path of USUAL_PLACES) await add(path, path.slice(0, path.lastIndexOf('/')), true);
  for (const name of await dirNames(host, '/opt')) {
    for (const layout of OPT_LAYOUTS) await add(join('/opt', name, layout), '/opt', true);
  }
  for (const { name, path } of await dockerRuntimes(host, search.dockerDaemonJson)) await add(path, `docker runtime ${name}`, true);
  return [...found.values()];
}

/** Docker's runtimes whose name or binary says runsc, with their binary's path. */
export async function dockerRuntimes(host: Host, daemonJson = '/etc/docker/daemon.json'): Promise<{ name: string; path: string }[]> {
  try {
    const config = JSON.parse(await host.readFile(daemonJson)) as { runtimes?: Record<string, { path?: string }> };
    return Object.entries(config.runtimes ?? {})
      .filter(([name, runtime]) => name.includes('runsc') || /(^|\/)runsc$/.test(runtime.path ?? ''))
      .map(([name, runtime]) => ({ name, path: runtime.path ?? name }))
      .filter((r) => r.path.startsWith('/'));
  } catch {
    return [];
  }
}

async function dirNames(host: Host, path: string): Promise<string[]> {
  try {
    return (await host.readdir(path)).filter((d) => d.kind === 'dir').map((d) => d.name);
  } catch {
    return [];
  }
}
