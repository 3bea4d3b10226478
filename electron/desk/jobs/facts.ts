// What a job ran with, recorded as it starts: the runsc binary and version, the root's
// global flags, the spec's digest, the disk. compareJobs diffs these between a failure
// and the last success ("the flags changed, and nobody saw which").
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { JobFacts } from '../../../shared/jobs';
import { freeBytes } from '../dirs';
import type { Host } from '../host/host';
import type { RunscClient } from '../runsc/client';
import type { JobContext } from './runner';

/** sha256 of the bundle's config.json, byte for byte; null when it cannot be read. */
export async function specDigest(host: Host, bundle: string | null): Promise<string | null> {
  if (!bundle) return null;
  const path = join(bundle, 'config.json');
  try {
    const { size } = await host.stat(path);
    const hash = createHash('sha256');
    for (let offset = 0; offset < size; ) {
      const chunk = await host.readRange(path, offset, Math.min(1 << 20, size - offset));
      if (chunk.length === 0) break;
      hash.update(chunk);
      offset += chunk.length;
    }
    return `sha256:${hash.digest('hex')}`;
  } catch {
    return null;
  }
}

export async function recordFacts(
  ctx: JobContext,
  client: RunscClient,
  facts: { globalFlags: string[]; bundle: string | null; diskPath: string; imageBytes: number | null; freeBytes?: number | null },
): Promise<JobFacts> {
  // `freeBytes` when the caller measured it before writing anything (the checkpoint's plan).
  const [digest, free] = await Promise.all([
    specDigest(client.host, facts.bundle),
    facts.freeBytes !== undefined && facts.freeBytes !== null ? facts.freeBytes : freeBytes(client.host, facts.diskPath),
  ]);
  const recorded: JobFacts = {
    host: client.host.name,
    runscPath: client.binary,
    runscVersion: client.caps.version,
    globalFlags: [...facts.globalFlags],
    bundle: facts.bundle,
    specDigest: digest,
    freeBytes: free,
    imageBytes: facts.imageBytes,
  };
  ctx.update({ facts: recorded });
  return recorded;
}
