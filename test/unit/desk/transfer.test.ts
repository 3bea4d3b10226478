// The transfer between hosts, with both ends on this machine: a folder streamed as tar
// from one process straight into the other, each file hashed where it lies and where it
// landed; a cancel stops both ends.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host, PipeRequest } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { hashFiles, listFiles } from '../../../electron/desk/migrate/hashes';
import { SentCounter, TAR_OUT } from '../../../electron/desk/migrate/progress';
import { transferFolder, type TransferProgress } from '../../../electron/desk/migrate/transfer';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-transfer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SentCounter', () => {
  it('counts the bytes GNU tar says it sent, from stderr in odd pieces, never past the files\' total', () => {
    const counter = new SentCounter(3_000_000);
    // A line per 16 records of 64 KiB: a MiB each.
    expect(counter.take('tar: desk-sent 16\ntar: desk-')).toBe(true);
    expect(counter.bytes).toBe(1 << 20);
    expect(counter.take('sent 32\n')).toBe(true);
    expect(counter.bytes).toBe(2 << 20);
    expect(counter.take('tar: ./x: file changed as we read it\n')).toBe(false);
    expect(counter.take('tar: desk-sent 48\n')).toBe(true);
    expect(counter.bytes).toBe(3_000_000);
    counter.finish();
    expect(counter.bytes).toBe(3_000_000);
  });

  it('the source script\'s GNU tar prints the lines the counter reads', () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'pages.img'), Buffer.alloc(3 << 20, 5));
    const out = spawnSync('sh', ['-c', TAR_OUT, 'sh', src], { maxBuffer: 1 << 26 });
    expect(out.status).toBe(0);
    const counter = new SentCounter(3 << 20);
    expect(counter.take(out.stderr.toString())).toBe(true);
    // Three lines (1, 2 and 3 MiB): the last one reaches the files' total.
    expect(counter.bytes).toBe(3 << 20);
    expect(out.stdout.length % 65536).toBe(0);
  });
});

describe('hashFiles', () => {
  it('hashes the files in the order given, names with spaces and quotes included', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub dir'), { recursive: true });
    const files = { 'a.img': 'a', "sub dir/it's.img": Buffer.alloc(70_001, 9), 'empty.img': '' };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(src, name), data);
    const list = await listFiles(new LocalHost(), src);
    expect(list.map((f) => [f.name, f.size]).sort()).toEqual([['a.img', 1], ['empty.img', 0], ["sub dir/it's.img", 70_001]]);
    const hashes = await hashFiles(new LocalHost(), src, list, new AbortController().signal);
    expect(hashes).toEqual(list.map((f) => sha(readFileSync(join(src, f.name)))));
  });

  it('a file that is not there fails with the tool\'s own words', async () => {
    await expect(hashFiles(new LocalHost(), dir, [{ name: 'gone.img', size: 1 }], new AbortController().signal)).rejects.toThrow(/Could not hash the copied files on "local": .*gone\.img/);
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
    // A target that takes 2 MB, then pauses: the source's first progress line comes before the end.
    const local = new LocalHost();
    const pausing: Host = Object.assign(Object.create(local) as Host, {
      runPipe: (request: PipeRequest) =>
        local.runPipe({ ...request, argv: ['sh', '-c', `{ head -c 2000000; sleep 0.5; cat; } | (${request.argv[2]!})`, ...request.argv.slice(3)] }),
    });
    const result = await transferFolder({ from: local, fromDir: from, to: pausing, toDir: to, signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
    expect(result.files.map((f) => f.name).sort()).toEqual(['checkpoint.img', 'pages.img']);
    expect(readFileSync(join(to, 'pages.img'), 'utf8')).toBe('pages');
    expect(sha(readFileSync(join(to, 'checkpoint.img')))).toBe(sha(Buffer.alloc(3 << 20, 7)));
    expect(result.bytes).toBe((3 << 20) + 5);
    expect(result.files.find((f) => f.name === 'pages.img')).toEqual({ name: 'pages.img', size: 5, sha256: sha('pages') });
    // GNU tar's lines moved the bar before the end (3 MiB is three of them).
    expect(progress.some((p) => p.bytes > 0 && p.bytes < result.bytes)).toBe(true);
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
        local.runPipe({ ...request, argv: ['sh', '-c', `(${request.argv[2]!}) && cd -- "$1" && echo tampered > checkpoint.img`, ...request.argv.slice(3)] }),
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
    // A slow target (4 × 256 KiB before the source's first progress line): the stream is
    // under way when the cancel comes.
    const local = new LocalHost();
    const slow: Host = Object.assign(Object.create(local) as Host, {
      runPipe: (request: PipeRequest) => local.runPipe({ ...request, argv: ['sh', '-c', 'mkdir -p -- "$1" && cd -- "$1" && while :; do head -c 262144 >> slow || exit 1; sleep 0.05; done', 'sh', request.argv[4]!] }),
    });
    const started = transferFolder({ from: local, fromDir: from, to: slow, toDir: join(dir, 'to'), signal: controller.signal, onProgress: () => controller.abort() });
    await expect(started).rejects.toThrow(/cancelled/);
    expect(existsSync(join(dir, 'to'))).toBe(true);
    expect(readdirSync(join(dir, 'to'))).toEqual(['slow']);
  }, 20_000);
});
