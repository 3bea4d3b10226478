// Whether each listed sandbox is a GPU one, asked once per sandbox. runsc decides it when
// the sandbox starts, from the spec as it was then, so for a sandbox that keeps its pid
// the answer cannot change; reading config.json again on every 3-second refresh cost one
// stat per container (2,000 stats, most of a large listing's time, and one ssh round trip
// each on a remote host).
import type { Host } from '../host/host';
import { gpuVerdict, nvproxyPossible } from './gpu-container';

export interface ListedSandbox {
  id: string;
  pid: number | null;
  bundle: string;
  annotations?: Record<string, string>;
}

export class SandboxGpu {
  /** By root: the answers for the sandboxes of its last listing (so the map never outgrows the root). */
  private readonly byRoot = new Map<string, Map<string, boolean>>();

  /** One answer per sandbox, in order. */
  async of(host: Host, root: string, globalFlags: string[], buildDate: number | null, sandboxes: ListedSandbox[]): Promise<boolean[]> {
    const known = this.byRoot.get(`${host.name}\0${root}`);
    const kept = new Map<string, boolean>();
    // The root's flags and runsc's build date are part of the question.
    const context = `${globalFlags.join('\0')}\0${buildDate}`;
    // Asked once for the root: when its flags or runsc's age allow nvproxy, every sandbox may have it.
    const everyOne = nvproxyPossible(globalFlags, buildDate, undefined);
    const answers = await Promise.all(
      sandboxes.map(async (c) => {
        if (!everyOne && !nvproxyPossible(globalFlags, buildDate, c.annotations)) return false;
        // Without a pid there is no running sandbox whose start fixed the answer.
        const key = c.pid === null ? null : `${c.id}\0${c.pid}\0${c.bundle}\0${context}`;
        const hit = key === null ? undefined : known?.get(key);
        if (hit !== undefined) {
          kept.set(key!, hit);
          return hit;
        }
        const { gpu, final } = await gpuVerdict(host, c.bundle, globalFlags, buildDate);
        if (key !== null && final) kept.set(key, gpu);
        return gpu;
      }),
    );
    this.byRoot.set(`${host.name}\0${root}`, kept);
    return answers;
  }
}
