// Copies a folder from one host to another as one tar stream: `tar -c` on the source,
// `tar -x` on the target. The stream goes straight from the source to the target where
// the source can log in there by itself (direct.ts), else through this machine, over the
// Desk's two ssh connections (through-desk.ts); route.ts decides, and the result says
// which, and why not direct. Progress comes from the source's tar (see progress.ts);
// each file's sha256 is taken where it lies on the source and where it landed on the
// target, after the stream: a file that differs fails the transfer (see hashes.ts).
// Only POSIX sh, tar, ssh and openssl or coreutils' sha256sum are asked of either host
// (perl or python3, where there is one, grows the stream's pipes: pipe-size.ts).
import type { Host } from '../host/host';
import { streamDirect } from './direct';
import { compareHashes, hashFiles, listFiles, type FileHash } from './hashes';
import { SentCounter } from './progress';
import { chooseRoute, type Route, type RouteKind } from './route';
import { closeHop } from './shared-hop';
import { cancelled, type StreamEnds } from './stream';
import { streamThroughDesk } from './through-desk';

export interface TransferProgress {
  bytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  /** The files being copied. */
  files: number;
}

export interface TransferRequest {
  from: Host;
  fromDir: string;
  to: Host;
  /** Must not exist yet: the caller removes it on failure. */
  toDir: string;
  signal: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** Told once the route is chosen, before the stream starts. */
  onRoute?: (route: Route) => void;
  /** Skips the choice, through this machine (the bench compares the two routes); unset, the route is chosen. */
  route?: 'through-desk';
}

export interface TransferResult {
  /** The bytes of the files copied. */
  bytes: number;
  files: FileHash[];
  durationMs: number;
  /** The stream alone, before the check on arrival. */
  streamMs: number;
  route: RouteKind;
  /** Through this machine after the direct route was tried or ruled out: why; else null. */
  routeWhy: string | null;
}

const PROGRESS_EVERY_MS = 250;

/** The bytes of the regular files under a folder (the tar stream is a little more). */
export async function folderSize(host: Host, dir: string): Promise<number> {
  return (await listFiles(host, dir)).reduce((sum, file) => sum + file.size, 0);
}

export async function transferFolder(request: TransferRequest): Promise<TransferResult> {
  const { from, to, signal } = request;
  const started = performance.now();
  // One stop for every process of the stream: the caller's cancel, or either side failing.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  let route: Route | null = null;
  try {
    // Both settle before either's failure is thrown: a probe's connection still opening
    // when the listing failed is then known, and closed below.
    const [listed, routed] = await Promise.allSettled([
      listFiles(from, request.fromDir),
      request.route === 'through-desk' ? Promise.resolve<Route>({ kind: 'through-desk', why: null }) : chooseRoute(from, to, signal),
    ]);
    route = routed.status === 'fulfilled' ? routed.value : null;
    if (listed.status === 'rejected') throw listed.reason;
    if (routed.status === 'rejected') throw routed.reason;
    const files = listed.value;
    const chosen = routed.value;
    if (signal.aborted) throw cancelled();
    request.onRoute?.(chosen);
    const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
    let lastAt = performance.now();
    let lastBytes = 0;
    const counter = new SentCounter(totalBytes);
    let reported = false;
    const report = (force = false) => {
      const now = performance.now();
      // The first move shows at once (the bar starts); then at most every PROGRESS_EVERY_MS.
      if (!force && reported && now - lastAt < PROGRESS_EVERY_MS) return;
      reported = true;
      const rate = ((counter.bytes - lastBytes) * 1000) / Math.max(1, now - lastAt);
      lastAt = now;
      lastBytes = counter.bytes;
      request.onProgress?.({ bytes: counter.bytes, totalBytes, bytesPerSecond: rate, files: files.length });
    };
    const ends: StreamEnds = {
      from,
      fromDir: request.fromDir,
      to,
      toDir: request.toDir,
      stop: stop.signal,
      onSourceStderr: (text) => {
        if (counter.take(text)) report();
      },
    };
    try {
      if (chosen.kind === 'direct') await streamDirect(ends, chosen.hop, chosen.shared);
      else await streamThroughDesk(ends, () => stop.abort());
    } catch (error) {
      stop.abort();
      if (signal.aborted) throw cancelled();
      throw error;
    }
    const streamMs = performance.now() - started;
    if (signal.aborted) throw cancelled();
    counter.finish();
    report(true);

    // Both ends hash after the stream, side by side: the target's hash must wait for the
    // last byte anyway, so the source's, as long, costs no time beside it; during the
    // stream it took the CPU tar and ssh need (on the bench's shared cores, even at nice
    // 19: 68 % of ssh cat with it, 75 % without). The source's files are in its page cache.
    const [sentHashes, arrivedHashes] = await Promise.all([hashFiles(from, request.fromDir, files, stop.signal), hashFiles(to, request.toDir, files, stop.signal)]);
    if (signal.aborted) throw cancelled();
    const copied = compareHashes(files, to.name, sentHashes, arrivedHashes);
    return {
      bytes: totalBytes,
      files: copied,
      durationMs: performance.now() - started,
      streamMs,
      route: chosen.kind,
      routeWhy: chosen.kind === 'through-desk' ? chosen.why : null,
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Whatever still runs for this transfer (one end's hashing, when the other's failed) ends.
    stop.abort();
    // The probe's connection, kept for the stream, is closed however the transfer ended.
    if (route?.kind === 'direct' && route.shared) await closeHop(from, route.hop, route.shared);
  }
}
