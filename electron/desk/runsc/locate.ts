// Finding runsc: the configured path, else the first runsc on PATH.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Located {
  path: string | null;
  tried: string[];
  /** Why the configured or found path cannot be used. */
  problem: string | null;
}

export function locateRunsc(configured: string | null, envPath = process.env.PATH ?? ''): Located {
  return locateBinary('runsc', configured, envPath);
}

/** A configured path, else the first executable of that name on PATH. */
export function locateBinary(name: string, configured: string | null, envPath = process.env.PATH ?? ''): Located {
  if (configured) {
    const problem = executableProblem(configured);
    return { path: problem ? null : configured, tried: [configured], problem };
  }
  const tried: string[] = [];
  for (const dir of envPath.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    tried.push(candidate);
    if (!executableProblem(candidate)) return { path: candidate, tried, problem: null };
  }
  return { path: null, tried, problem: `${name} was not found on PATH` };
}

export function executableProblem(path: string): string | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return `${path} is not a file`;
    accessSync(path, constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${path} does not exist`;
    if (code === 'EACCES') return `${path} is not executable`;
    return `${path}: ${(error as Error).message}`;
  }
}
