// The fastest checkpoint this runsc can do, chosen on purpose. Where runsc has
// --compression (20230814.0 on), an uncompressed image is written about 3× faster and
// read back about 2× faster, for up to 6× the disk (a compressible heap; random data
// does not shrink at all). The Desk defaults to fastest when the disk has room for it,
// with a margin, and to smallest otherwise; the plan says which and why.
import { dirname, join } from 'node:path';
import { RECORD_FILE, type ImageRecord } from '../../../shared/images';
import type { CheckpointSpeed, CompressionChoice } from '../../../shared/jobs';
import type { Capabilities } from '../../../shared/model';
import type { Host } from '../host/host';
import { hasFlag } from '../runsc/capabilities';

export type Compression = CompressionChoice['compression'];

/**
 * First estimates, before the Desk has measured this disk: 512 MB of random data on runsc
 * 0.0~20240729.0 (issue 12) took 360 ms uncompressed and 1,209 ms compressed.
 */
const FIRST_BYTES_PER_MS: Record<Compression, number> = { none: 1_400_000, 'flate-best-speed': 430_000 };
/** runsc's own state beside the memory (about 0.5 MB for busybox). */
const IMAGE_OVERHEAD_BYTES = 4 * 1024 * 1024;
/** Fastest only when the free space covers its image 1.25 times over, plus 256 MiB. */
export const FREE_MARGIN = { factor: 1.25, bytes: 256 * 1024 * 1024 };

/** Past checkpoints into the same folder: bytes written per ms of the job, by compression. */
export interface Measured {
  bytesPerMs: Partial<Record<Compression, number>>;
  /** How many records each rate comes from. */
  samples: Partial<Record<Compression, number>>;
}

export function hasCompression(caps: Capabilities): boolean {
  return hasFlag(caps, 'checkpoint', 'compression');
}

/** Reads the records of the images beside this one (imagesDir/<id>/<stamp>: the other stamps). */
export async function measuredDisk(host: Host, imagePath: string): Promise<Measured> {
  const folder = dirname(imagePath);
  const totals: Record<Compression, { bytes: number; ms: number; n: number }> = {
    none: { bytes: 0, ms: 0, n: 0 },
    'flate-best-speed': { bytes: 0, ms: 0, n: 0 },
  };
  let entries: Awaited<ReturnType<Host['readdir']>> = [];
  try {
    entries = (await host.readdir(folder)).filter((e) => e.kind === 'dir').slice(-20);
  } catch {
    return { bytesPerMs: {}, samples: {} };
  }
  await Promise.all(
    entries.map(async (entry) => {
      try {
        const record = JSON.parse(await host.readFile(join(folder, entry.name, RECORD_FILE))) as ImageRecord;
        if (record.state !== 'complete' || !(record.durationMs > 0) || !(record.totalBytes > 0)) return;
        // runsc's default before 20260427.0 is flate: an unnamed compression counts as compressed.
        const kind: Compression = record.compression === 'none' ? 'none' : 'flate-best-speed';
        totals[kind].bytes += record.totalBytes;
        totals[kind].ms += record.durationMs;
        totals[kind].n += 1;
      } catch {
        // No record, or not one of ours: nothing measured there.
      }
    }),
  );
  const measured: Measured = { bytesPerMs: {}, samples: {} };
  for (const kind of ['none', 'flate-best-speed'] as const) {
    if (totals[kind].n === 0) continue;
    measured.bytesPerMs[kind] = totals[kind].bytes / totals[kind].ms;
    measured.samples[kind] = totals[kind].n;
  }
  return measured;
}

/**
 * The two choices with their estimates, and the one the Desk takes: the request's when
 * it names one, else fastest when the disk has room, else smallest.
 */
export function chooseCompression(input: {
  requested: Compression | undefined;
  memoryBytes: number | null;
  freeBytes: number | null;
  measured: Measured;
  folder: string;
  /** The host's memory, when the folder has room for an image of all of it (memory in use then not asked). */
  roomForAllMemory?: number | null;
}): CheckpointSpeed {
  const { memoryBytes, freeBytes, measured } = input;
  const size = memoryBytes === null ? null : memoryBytes + IMAGE_OVERHEAD_BYTES;
  const choice = (compression: Compression, label: string): CompressionChoice => {
    const rate = measured.bytesPerMs[compression];
    const bytesPerMs = rate ?? FIRST_BYTES_PER_MS[compression];
    return {
      compression,
      label,
      // Compressed: at most the memory, since random data does not shrink; a heap of strings shrinks about 6×.
      estimatedBytes: size,
      estimatedMs: size === null ? null : Math.round(size / bytesPerMs),
      basis: rate
        ? `measured: ${measured.samples[compression]} past ${compression === 'none' ? 'uncompressed' : 'compressed'} checkpoint(s) into ${input.folder}, ${mbPerS(rate)}`
        : `a first estimate (${mbPerS(bytesPerMs)}); the Desk measures this disk from the checkpoints it makes here`,
    };
  };
  const choices = [choice('none', 'Fastest (uncompressed)'), choice('flate-best-speed', 'Smallest (compressed)')];
  if (input.requested) {
    return { chosen: input.requested, reason: `You chose ${input.requested === 'none' ? 'Fastest (uncompressed)' : 'Smallest (compressed)'}.`, choices, defaulted: false };
  }
  const fastest = choices[0]!;
  if (fastest.estimatedBytes === null && freeBytes !== null && input.roomForAllMemory) {
    return {
      chosen: 'none',
      reason: `Fastest (uncompressed): ${gib(freeBytes)} free covers an image of all of this host's ${gib(input.roomForAllMemory)} of memory with a margin.`,
      choices,
      defaulted: true,
    };
  }
  if (fastest.estimatedBytes === null || freeBytes === null) {
    return { chosen: 'none', reason: 'Fastest (uncompressed): the Desk could not tell the memory in use or the free space, and runsc writes uncompressed images about 3× faster.', choices, defaulted: true };
  }
  const needed = fastest.estimatedBytes * FREE_MARGIN.factor + FREE_MARGIN.bytes;
  if (freeBytes >= needed) {
    return {
      chosen: 'none',
      reason: `Fastest (uncompressed): ${gib(freeBytes)} free covers the estimated ${gib(fastest.estimatedBytes)} image with a margin.`,
      choices,
      defaulted: true,
    };
  }
  return {
    chosen: 'flate-best-speed',
    reason: `Smallest (compressed): ${gib(freeBytes)} free does not cover the estimated ${gib(fastest.estimatedBytes)} uncompressed image with a margin (${gib(needed)}).`,
    choices,
    defaulted: true,
  };
}

function mbPerS(bytesPerMs: number): string {
  return `${Math.round(bytesPerMs / 1000)} MB/s`;
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}
