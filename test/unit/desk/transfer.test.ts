// The transfer between hosts, with both ends on this machine: a folder streamed as tar,
// each file hashed on the way and checked where it landed; a cancel stops both ends.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host, PipeRequest } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { TarHasher } from '../../../electron/desk/migrate/tar-hash';
import { transferFolder, type TransferProgress } from '../../../electron/desk/migrate/transfer';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-transfer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('TarHasher', () => {
  it('hashes each regular file of a tar stream, fed in odd-sized pieces, long names included', () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    const long = `${'n'.repeat(150)}.img`;
    const files: Record<string, Buffer> = {
      'checkpoint.img': Buffer.from('x'.repeat(1000)),
      'empty.img': Buffer.alloc(0),
      [`sub/${long}`]: Buffer.from(Array.from({ length: 70_001 }, (_, i) => i % 251)),
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(src, name), data);
    const tar = execFileSync('tar', ['-C', src, '-cf', '-', '.'], { maxBuffer: 1 << 26 });
    const hasher = new TarHasher();
    for (let i = 0; i < tar.length; i += 333) hasher.push(tar.subarray(i, i + 333));
    const got = Object.fromEntries(hasher.files.map((f) => [f.name, [f.size, f.sha256]]));
    expect(got).toEqual(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data.length, sha(data)]])));
  });
});

describe('transferFolder', () => {
  it('copies a folder between two hosts, counting bytes and checking every file on arrival', async () => {
    const from = join(dir, 'from');
    mkdirSync(from);
    writeFileSync(join(from, 'checkpoint.img'), Buffer.alloc(3 << 20, 7));
    writeFileSync(join(from, 'pages.img'), 'pages');
    const progress: TransferProgress[] = [];
    const to = join(dir, 'to', 'image');
    const result = await transferFolder({ from: new LocalHost(), fromDir: from, to: new LocalHost(), toDir: to, signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
    expect(result.files.map((f) => f.name).sort()).toEqual(['checkpoint.img', 'pages.img']);
    expect(readFileSync(join(to, 'pages.img'), 'utf8')).toBe('pages');
    expect(sha(readFileSync(join(to, 'checkpoint.img')))).toBe(sha(Buffer.alloc(3 << 20, 7)));
    expect(result.bytes).toBeGreaterThanOrEqual((3 << 20) + 5);
    expect(progress.at(-1)).toMatchObject({ bytes: result.bytes, totalBytes: (3 << 20) + 5, files: 2 });
  });

  it('fails when a file arrives different from what was sent', async () => {
    const from = join(dir, 'from');
    mkdirSync(from);
    writeFileSync(join(from, 'checkpoint.img'), 'the real bytes');
    // A target whose tar writes something else: the check on arrival catches it.
    const local = new LocalHost();
    const tampering: Host = Object.assign(Object.create(local) as Host, {
      runPipe: (request: PipeRequest) =>
        local.runPipe({ ...request, argv: ['sh', '-c', `${request.argv[2]!.replace('exec tar', 'tar')}\necho tampered > checkpoint.img`, ...request.argv.slice(3)] }),
    });
    await expect(transferFolder({ from: local, fromDir: from, to: tampering, toDir: join(dir, 'to'), signal: new AbortController().signal })).rejects.toThrow(
      /1 file\(s\) arrived on "local" different from what was sent: checkpoint.img/,
    );
  });

  it('a cancel mid-stream ends both ends and rejects', async () => {
    const from = join(dir, 'from');
    mkdirSync(from);
    writeFileSync(join(from, 'big.img'), Buffer.alloc(64 << 20, 1));
    const controller = new AbortController();
    // A slow target: the stream is under way when the cancel comes.
    const local = new LocalHost();
    const slow: Host = Object.assign(Object.create(local) as Host, {
      runPipe: (request: PipeRequest) => local.runPipe({ ...request, argv: ['sh', '-c', 'mkdir -p -- "$1" && cd -- "$1" && while :; do head -c 65536 >> slow || exit 1; sleep 0.05; done', 'sh', request.argv[4]!] }),
    });
    const started = transferFolder({ from: local, fromDir: from, to: slow, toDir: join(dir, 'to'), signal: controller.signal, onProgress: () => controller.abort() });
    await expect(started).rejects.toThrow(/cancelled/);
    expect(existsSync(join(dir, 'to'))).toBe(true);
    expect(readdirSync(join(dir, 'to'))).toEqual(['slow']);
  });
});
