import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';
import type { Host } from '../../../electron/desk/host/host';
import { diskSpace, withDiskUse } from '../../../electron/desk/images/disk-use';
import type { ImageSummary } from '../../../shared/images';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-disk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const image = (path: string, totalBytes: number, docker = false): ImageSummary =>
  ({ path, totalBytes, state: 'complete', reason: null, files: [], createdAt: 0, containerId: null, runscVersion: null, compression: null, record: null, ...(docker ? { docker: { containerId: 'c', containerName: 'c', checkpoint: 'k', runtime: 'runsc' } } : {}) }) as ImageSummary;

describe('image folders against their disk', () => {
  it('sums the images under each folder and reads its file system', async () => {
    mkdirSync(join(dir, 'a'));
    const images = [image(join(dir, 'a', '1'), 100), image(join(dir, 'a', '2'), 50), image(join(dir, 'ab', '1'), 7), image('/var/lib/docker/x', 999, true)];
    const dirs = await withDiskUse(new LocalHost(), [{ path: join(dir, 'a'), removable: true, error: null }, { path: join(dir, 'missing'), removable: true, error: 'gone' }], images);
    const fs = statfsSync(dir);
    expect(dirs[0]!.imageBytes).toBe(150);
    expect(dirs[0]!.disk!.totalBytes).toBe(fs.blocks * fs.bsize);
    expect(dirs[0]!.disk!.freeBytes).toBeGreaterThan(0);
    expect(dirs[0]!.disk!.freeBytes).toBeLessThanOrEqual(dirs[0]!.disk!.totalBytes!);
    // A folder not made yet is measured on its nearest existing parent's disk.
    expect(dirs[1]!.imageBytes).toBe(0);
    expect(dirs[1]!.disk!.totalBytes).toBe(fs.blocks * fs.bsize);
  });

  it('a Host that tells only free bytes gives a null total; one that cannot tell gives null', async () => {
    const local = new LocalHost();
    const freeOnly = { stat: local.stat.bind(local), freeBytes: async () => 1234 } as unknown as Host;
    expect(await diskSpace(freeOnly, dir)).toEqual({ freeBytes: 1234, totalBytes: null });
    const broken = { ...freeOnly, freeBytes: async () => Promise.reject(new Error('EIO')), diskSpace: async () => Promise.reject(new Error('EIO')) } as unknown as Host;
    expect(await diskSpace(broken, dir)).toBeNull();
  });
});
