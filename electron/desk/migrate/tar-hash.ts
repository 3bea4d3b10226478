// Reads a tar stream as it passes (ustar, GNU and pax headers) and hashes each regular
// file's bytes with sha256, so the image is read once on the source and its files can
// be checked on arrival without a second pass there.
import { createHash, type Hash } from 'node:crypto';

const BLOCK = 512;

export interface TarFileHash {
  /** As tar names it, without a leading ./ */
  name: string;
  size: number;
  sha256: string;
}

export class TarHasher {
  readonly files: TarFileHash[] = [];
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current entry's data still to come, then its padding. */
  private dataLeft = 0;
  private padLeft = 0;
  private hash: Hash | null = null;
  private current: { name: string; size: number } | null = null;
  /** The data of a GNU long name ('L') or pax ('x') header, collected whole. */
  private meta: { type: 'L' | 'x'; chunks: Buffer[] } | null = null;
  private nextName: string | null = null;
  private ended = false;

  push(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length > 0) {
      if (this.dataLeft > 0) {
        const n = Math.min(this.dataLeft, buf.length);
        const part = buf.subarray(0, n);
        if (this.hash) this.hash.update(part);
        if (this.meta) this.meta.chunks.push(Buffer.from(part));
        this.dataLeft -= n;
        buf = buf.subarray(n);
        if (this.dataLeft === 0) this.finishEntry();
        continue;
      }
      if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, buf.length);
        this.padLeft -= n;
        buf = buf.subarray(n);
        continue;
      }
      if (this.ended) return;
      if (buf.length < BLOCK) {
        this.pending = Buffer.from(buf);
        return;
      }
      this.header(buf.subarray(0, BLOCK));
      buf = buf.subarray(BLOCK);
    }
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const size = octal(block.subarray(124, 136));
    const type = String.fromCharCode(block[156] ?? 0);
    const prefix = text(block.subarray(345, 500));
    const ownName = text(block.subarray(0, 100));
    const name = this.nextName ?? (prefix ? `${prefix}/${ownName}` : ownName);
    this.dataLeft = size;
    this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === 'L' || type === 'x') {
      this.meta = { type, chunks: [] };
    } else {
      this.nextName = null;
      if (type === '0' || type === '\0' || type === '7') {
        this.current = { name: name.replace(/^\.\//, ''), size };
        this.hash = createHash('sha256');
      }
    }
    if (size === 0) this.finishEntry();
  }

  private finishEntry(): void {
    if (this.meta) {
      const data = Buffer.concat(this.meta.chunks).toString('utf8');
      if (this.meta.type === 'L') this.nextName = data.replace(/\0+$/, '');
      else {
        const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data)?.[1];
        if (path) this.nextName = path;
      }
      this.meta = null;
      return;
    }
    if (this.current && this.hash) {
      this.files.push({ ...this.current, sha256: this.hash.digest('hex') });
    }
    this.current = null;
    this.hash = null;
  }
}

function text(field: Buffer): string {
  const nul = field.indexOf(0);
  return (nul < 0 ? field : field.subarray(0, nul)).toString('utf8');
}

/** Tar's size field: octal text, or GNU's base-256 for large files. */
function octal(field: Buffer): number {
  if ((field[0]! & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const s = text(field).trim();
  return s ? parseInt(s, 8) : 0;
}
