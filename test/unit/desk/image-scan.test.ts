// The image scan reads each folder once and each unchanged statefile header once, and
// says the same as a scan from scratch.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';
import type { Host } from '../../../electron/desk/host/host';
import { HeaderCache } from '../../../electron/desk/images/header-cache';
import { findImageFolders, summarizeAll, summarizeImage } from '../../../electron/desk/images/scan';

function statefile(metadata: Record<string, string>): Buffer {
  const meta = Buffer.from(JSON.stringify(metadata));
  const header = Buffer.alloc(16);
  header.write('gVisorSF', 'latin1');
  header.writeBigUInt64BE(BigInt(meta.length), 8);
  return Buffer.concat([header, meta, Buffer.alloc(64, 7)]);
}

/** A LocalHost that counts its calls by name. */
function counting(): { host: Host; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const local = new LocalHost();
  const host = new Proxy(local, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { host, calls };
}

function images(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-scan-'));
  const specs = JSON.stringify({ 'c-1': { process: { args: ['sleep'] } } });
  const good = join(dir, 'c-1', 'good');
  mkdirSync(good, { recursive: true });
  writeFileSync(join(good, 'checkpoint.img'), statefile({ compression: 'none', runsc_version: 'release-20260817.0', container_specs: specs }));
  writeFileSync(join(good, 'pages_meta.img'), 'm');
  writeFileSync(join(good, 'pages.img'), 'p');
  const bad = join(dir, 'c-2', 'bad');
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, 'checkpoint.img'), Buffer.from('not a statefile at all'));
  return dir;
}

const noJobs = () => undefined;

describe('image scan', () => {
  it('summarizes found folders without listing them again, as a scan of each path does', async () => {
    const dir = images();
    const { host, calls } = counting();
    const found = await findImageFolders(host, dir);
    expect(found.map((f) => f.path).sort()).toEqual([join(dir, 'c-1', 'good'), join(dir, 'c-2', 'bad')]);
    const readdirs = calls.readdir!;
    const fast = await summarizeAll(host, found, noJobs);
    expect(calls.readdir).toBe(readdirs);
    const plain = await summarizeAll(new LocalHost(), found.map((f) => f.path), noJobs);
    expect(fast).toEqual(plain);
    const good = fast.find((i) => i.path.endsWith('good'))!;
    expect(good).toMatchObject({ state: 'complete', containerId: 'c-1', runscVersion: 'release-20260817.0', compression: 'none' });
    expect(fast.find((i) => i.path.endsWith('bad'))).toMatchObject({ state: 'unreadable', reason: 'bad magic: this is not a gVisor statefile' });
  });

  it('reads an unchanged header once, and again when the statefile changes', async () => {
    const dir = images();
    const good = join(dir, 'c-1', 'good');
    const { host, calls } = counting();
    const headers = new HeaderCache();
    const first = await summarizeImage(host, good, noJobs, undefined, headers);
    const reads = calls.readRange!;
    expect(await summarizeImage(host, good, noJobs, undefined, headers)).toEqual(first);
    expect(calls.readRange).toBe(reads);
    writeFileSync(join(good, 'checkpoint.img'), statefile({ compression: 'flate', runsc_version: 'release-20260817.0' }));
    utimesSync(join(good, 'checkpoint.img'), new Date(), new Date(Date.now() + 5000));
    const changed = await summarizeImage(host, good, noJobs, undefined, headers);
    expect(calls.readRange).toBe(reads + 1);
    expect(changed).toMatchObject({ compression: 'flate', containerId: null, metadata: { compression: 'flate' } });
  });
});

describe('HeaderCache', () => {
  const ok = (n: number) => ({ ok: true as const, metadata: { k: 'v'.repeat(n) }, bytesRead: 16 + n });

  it('keeps what fits its budget, dropping the least recently used first', () => {
    const cache = new HeaderCache(1000);
    cache.set('local', '/a', 1, 1, ok(400));
    cache.set('local', '/b', 1, 1, ok(400));
    expect(cache.get('local', '/a', 1, 1)).toBeDefined();
    cache.set('local', '/c', 1, 1, ok(400));
    expect(cache.get('local', '/b', 1, 1)).toBeUndefined();
    expect(cache.get('local', '/a', 1, 1)).toBeDefined();
    expect(cache.get('local', '/c', 1, 1)).toBeDefined();
  });

  it('forgets an entry whose size or mtime moved, and never keeps a failed open', () => {
    const cache = new HeaderCache();
    cache.set('local', '/a', 10, 1, ok(1));
    expect(cache.get('local', '/a', 10, 2)).toBeUndefined();
    expect(cache.get('local', '/a', 10, 1)).toBeUndefined();
    cache.set('local', '/a', 10, 1, { ok: false, reason: 'cannot open the statefile: EACCES', bytesRead: 0 });
    expect(cache.size).toBe(0);
    cache.set('remote', '/a', 10, 1, ok(1));
    expect(cache.get('local', '/a', 10, 1)).toBeUndefined();
  });
});
