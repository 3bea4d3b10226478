// Is a container a GPU container? Its bundle asks for NVIDIA devices or carries GPU
// annotations, or its root's profile has --nvproxy. Specs are read once per bundle
// and mtime: the list refreshes every 3 s.
import { join } from 'node:path';
import { splitFlag } from '../runsc/capabilities';
import type { Host } from '../host/host';
import { readSpecSummary } from '../spec-summary';

/** By host and file: the same path on two hosts is two files. */
const cache = new Map<string, { mtimeMs: number; nvidia: boolean }>();

export async function bundleAsksForGpu(host: Host, bundle: string): Promise<boolean> {
  const file = join(bundle, 'config.json');
  const key = `${host.name}\0${file}`;
  try {
    const { mtimeMs } = await host.stat(file);
    const hit = cache.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return hit.nvidia;
    const nvidia = (await readSpecSummary(host, bundle)).nvidia;
    cache.set(key, { mtimeMs, nvidia });
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
