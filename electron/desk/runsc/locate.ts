// Finding runsc: the configured path, else the first runsc on PATH.
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
