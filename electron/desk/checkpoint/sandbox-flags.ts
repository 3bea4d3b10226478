// The global flags a running sandbox was started with, read from its process's command
// line ("runsc-sandbox --root=… --network=none boot …"). A checkpoint or restore without
// them breaks the container, so the plan compares them with the root's profile.
import type { Host } from '../host/host';
import { splitFlag } from '../runsc/capabilities';

/** Flags that change what a checkpoint or restore does when they differ. */
const SIGNIFICANT = new Set(['network', 'platform', 'overlay2', 'overlay', 'nvproxy', 'nvproxy-docker', 'tpuproxy', 'file-access', 'gso', 'host-uds', 'host-fifo']);

export async function sandboxGlobalFlags(host: Host, pid: number): Promise<string[] | null> {
  try {
    const argv = (await host.readFile(`/proc/${pid}/cmdline`)).split('\0').filter(Boolean);
    const boot = argv.indexOf('boot');
    if (!argv[0]?.includes('runsc') || boot === -1) return null;
    return argv.slice(1, boot).filter((a) => a.startsWith('-'));
  } catch {
    return null;
  }
}

/** The significant flags the sandbox has that the profile lacks or sets differently. */
export function missingFromProfile(sandbox: string[], profile: string[]): string[] {
  const given = new Map(profile.map((f) => { const { name, value } = splitFlag(f); return [name, value ?? 'true']; }));
  return sandbox.filter((flag) => {
    const { name, value } = splitFlag(flag);
    return SIGNIFICANT.has(name) && given.get(name) !== (value ?? 'true');
  });
}
