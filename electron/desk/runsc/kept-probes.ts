// What each runsc binary can do, kept on disk between runs of the Desk. A probe is a
// dozen runsc processes per binary, and a machine has two or three binaries: each start
// of the app (each new privileged helper) paid them again, beside the window's first
// paint, for an answer that changes only when a binary is replaced. The key names the
// file itself (device, inode, size, mtime), so a replaced binary is probed afresh; the
// Desk's version is in the file, so a newer help parser never reads an older one's work.
// What is kept is only a copy of runsc's help: runsc still refuses a flag it lacks.
import { z } from 'zod';
import type { Capabilities } from '../../../shared/model';
import type { FileStat, Host } from '../host/host';

/** Enough for every binary a machine and a few remote hosts hold, and a few replaced ones. */
const MAX_KEPT = 32;

const flagSpec = z.object({
  name: z.string(),
  type: z.enum(['bool', 'string', 'int', 'uint', 'float', 'duration', 'value']),
  help: z.string(),
  default: z.string().optional(),
});
const capabilities = z.object({
  version: z.string(),
  spec: z.string().optional(),
  global: z.array(flagSpec),
  subcommands: z.record(z.string(), z.array(flagSpec)),
});
const keptFile = z.object({ desk: z.string(), probes: z.record(z.string(), capabilities) });

/** One build of a binary on one host, as a stat sees it without running it. */
export function probeKey(host: Host, binary: string, file: Pick<FileStat, 'fileId' | 'size' | 'mtimeMs'>): string {
  return [host.name, binary, file.fileId, file.size, file.mtimeMs].join('\0');
}

export class KeptProbes {
  private loaded: Promise<Map<string, Capabilities>> | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    /** This machine: the file lives in its data dir, whichever host a probe was of. */
    private readonly host: Host,
    private readonly path: string,
    /** The Desk's own version: a file another version wrote is read as empty. */
    private readonly deskVersion: string,
  ) {}

  async get(key: string): Promise<Capabilities | undefined> {
    return (await this.load()).get(key);
  }

  /** Keeps a probe (the newest last, the oldest dropped past MAX_KEPT) and writes the file behind. */
  async set(key: string, caps: Capabilities): Promise<void> {
    const kept = await this.load();
    kept.delete(key);
    kept.set(key, caps);
    for (const old of kept.keys()) {
      if (kept.size <= MAX_KEPT) break;
      kept.delete(old);
    }
    const text = JSON.stringify({ desk: this.deskVersion, probes: Object.fromEntries(kept) });
    // Chained, so an older write never lands after a newer one; a failed write only
    // means the next start probes again.
    this.writes = this.writes.then(() => this.host.writeFileAtomic(this.path, text, 0o600)).catch(() => {});
    return this.writes;
  }

  private load(): Promise<Map<string, Capabilities>> {
    this.loaded ??= this.host.readFile(this.path).then(
      (text) => {
        const parsed = keptFile.safeParse(safeJson(text));
        // Another version's file, or one that is not ours any more: start afresh.
        if (!parsed.success || parsed.data.desk !== this.deskVersion) return new Map<string, Capabilities>();
        return new Map(Object.entries(parsed.data.probes));
      },
      () => new Map<string, Capabilities>(),
    );
    return this.loaded;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
