// POSIX path checks that run anywhere (no node:path in shared/).

export const MAX_PATH_BYTES = 4096;

/** Collapses `.`, `..` and repeated slashes; keeps a leading slash. */
export function normalizePosix(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Why a path is not an acceptable absolute, normalised path, or null when it is. */
export function absolutePathProblem(path: string): string | null {
  if (path.includes('\0')) return 'must not contain a NUL byte';
  if (new TextEncoder().encode(path).length > MAX_PATH_BYTES) return `must be at most ${MAX_PATH_BYTES} bytes`;
  if (!path.startsWith('/')) return 'must be an absolute path (starting with /)';
  if (normalizePosix(path) !== path) return `must be normalised (did you mean ${normalizePosix(path)}?)`;
  return null;
}

/** Whether `child` is `parent` or lies inside it. Both must be normalised. */
export function isInside(child: string, parent: string): boolean {
  if (parent === '/') return true;
  return child === parent || child.startsWith(`${parent}/`);
}
