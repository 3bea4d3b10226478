// Reading a statefile's gVisorSF header without reading the image: 8 bytes of magic, an
// 8-byte big-endian length, then that many bytes of JSON metadata.
import { errorCode, type Host } from '../host/host';

export const MAGIC = 'gVisorSF';
/** One read covers any header runsc writes in practice; larger ones get a second read. */
const FIRST_READ = 16 * 1024;
const MAX_METADATA = 16 * 1024 * 1024;

export type HeaderResult =
  | { ok: true; metadata: Record<string, string>; bytesRead: number }
  | { ok: false; reason: string; bytesRead: number; /** The magic matched: runsc wrote it, then something broke. */ magic?: boolean };

/** `knownSize`: the statefile's size when the caller has just stat'ed it (a scan of thousands saves one call each). */
export async function readHeader(host: Host, path: string, knownSize?: number): Promise<HeaderResult> {
  let size: number;
  let first: Buffer;
  try {
    size = knownSize ?? (await host.stat(path)).size;
    first = await host.readRange(path, 0, Math.min(FIRST_READ, size));
  } catch (error) {
    return { ok: false, reason: `cannot open the statefile: ${errorCode(error) ?? (error as Error).message}`, bytesRead: 0 };
  }
  const bytesRead = first.length;
  let read = bytesRead;
  if (bytesRead < 16) return { ok: false, reason: `the statefile is truncated (${size} bytes, no header)`, bytesRead: read };
  if (first.subarray(0, 8).toString('latin1') !== MAGIC) {
    return { ok: false, reason: 'bad magic: this is not a gVisor statefile', bytesRead: read };
  }
  const length = first.readBigUInt64BE(8);
  if (length > BigInt(size - 16)) {
    return { ok: false, reason: `the header says ${length} bytes of metadata, but the file has ${size - 16} after it`, bytesRead: read, magic: true };
  }
  if (length > BigInt(MAX_METADATA)) return { ok: false, reason: `the metadata is ${length} bytes; the Desk reads at most ${MAX_METADATA}`, bytesRead: read, magic: true };
  const n = Number(length);
  let json: Buffer;
  if (16 + n <= bytesRead) {
    json = first.subarray(16, 16 + n);
  } else {
    json = await host.readRange(path, 16, n);
    read += json.length;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the metadata is not JSON', bytesRead: read, magic: true };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: 'the metadata is not a JSON object', bytesRead: read, magic: true };
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return { ok: true, metadata, bytesRead: read };
}
