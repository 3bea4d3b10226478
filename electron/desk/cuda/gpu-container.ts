// Is a container a GPU container? Its bundle asks for NVIDIA devices or carries GPU
// annotations, or its root's profile has --nvproxy. Specs are read once per bundle
// and mtime: the list refreshes every 3 s.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { splitFlag } from '../runsc/capabilities';
import { readSpecSummary } from '../spec-summary';

const cache = new Map<string, { mtimeMs: number; nvidia: boolean }>();

export async function bundleAsksForGpu(bundle: string): Promise<boolean> {
  const file = join(bundle, 'config.json');
  try {
    const { mtimeMs } = await stat(file);
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.nvidia;
    const nvidia = (await readSpecSummary(bundle)).nvidia;
    cache.set(file, { mtimeMs, nvidia });
    return nvidia;
  } catch {
    return false;
  }
}

export function profileHasNvproxy(globalFlags: string[]): boolean {
  return globalFlags.some((f) => {
    const { name, value } = splitFlag(f);
    return name === 'nvproxy' && value !== 'false';
  });
}
