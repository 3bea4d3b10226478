import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirs, folderBytes, holdsImage, listDirectory, nearestExisting } from '../../../electron/desk/dirs';
import { DeskError } from '../../../shared/errors';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-dirs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createDirs', () => {
  it('creates the missing folders with mode 0700 and returns them outermost first', async () => {
    const target = join(dir, 'a', 'b', 'c');
    const created = await createDirs(host, target);
    expect(created).toEqual([join(dir, 'a'), join(dir, 'a', 'b'), target]);
    for (const d of created) {
      expect(statSync(d).isDirectory()).toBe(true);
      expect(statSync(d).mode & 0o777).toBe(0o700);
    }
  });

  it('returns only what it created, and nothing for a folder that exists', async () => {
    mkdirSync(join(dir, 'a'), { mode: 0o755 });
    expect(await createDirs(host, join(dir, 'a', 'b'))).toEqual([join(dir, 'a', 'b')]);
    expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o755);
    expect(await createDirs(host, join(dir, 'a', 'b'))).toEqual([]);
  });

  it('fails under a file', async () => {
    writeFileSync(join(dir, 'f'), '');
    await expect(createDirs(host, join(dir, 'f', 'x'))).rejects.toThrow();
  });
});

describe('nearestExisting', () => {
  it('gives the path itself when it exists, else its closest existing ancestor', async () => {
    mkdirSync(join(dir, 'a'));
    expect(await nearestExisting(host, join(dir, 'a'))).toBe(join(dir, 'a'));
    expect(await nearestExisting(host, join(dir, 'a', 'x', 'y', 'z'))).toBe(join(dir, 'a'));
    expect(await nearestExisting(host, join(dir, 'nope'))).toBe(dir);
    expect(await nearestExisting(host, '/')).toBe('/');
  });
});

describe('holdsImage', () => {
  it('is true only where a checkpoint.img lies', async () => {
    mkdirSync(join(dir, 'img'));
    expect(await holdsImage(host, join(dir, 'img'))).toBe(false);
    writeFileSync(join(dir, 'img', 'pages.img'), '');
    expect(await holdsImage(host, join(dir, 'img'))).toBe(false);
    writeFileSync(join(dir, 'img', 'checkpoint.img'), 'gVisorSF');
    expect(await holdsImage(host, join(dir, 'img'))).toBe(true);
    expect(await holdsImage(host, join(dir, 'missing'))).toBe(false);
  });
});

describe('folderBytes', () => {
  it('adds up the files of a folder, and 0 for a missing one', async () => {
    mkdirSync(join(dir, 'img'));
    writeFileSync(join(dir, 'img', 'checkpoint.img'), Buffer.alloc(1000));
    writeFileSync(join(dir, 'img', 'pages.img'), Buffer.alloc(24));
    expect(await folderBytes(host, join(dir, 'img'))).toBe(1024);
    expect(await folderBytes(host, join(dir, 'missing'))).toBe(0);
  });
});

describe('listDirectory', () => {
  it('lists only folders, sorted, marks images, and gives the parent', async () => {
    for (const d of ['zeta', 'alpha', 'image-1']) mkdirSync(join(dir, d));
    writeFileSync(join(dir, 'image-1', 'checkpoint.img'), '');
    writeFileSync(join(dir, 'a-file.txt'), 'x');
    const listing = await listDirectory(host, dir);
    expect(listing.path).toBe(dir);
    expect(listing.parent).toBe(join(dir, '..'));
    expect(listing.writable).toBe(true);
    expect(listing.entries).toEqual([
      { name: 'alpha', path: join(dir, 'alpha'), isDir: true, isImage: false },
      { name: 'image-1', path: join(dir, 'image-1'), isDir: true, isImage: true },
      { name: 'zeta', path: join(dir, 'zeta'), isDir: true, isImage: false },
    ]);
  });

  it('gives / no parent', async () => {
    const listing = await listDirectory(host, '/');
    expect(listing.parent).toBeNull();
    expect(listing.entries.every((e) => e.isDir)).toBe(true);
  });

  it('refuses a file or a missing path with NOT_FOUND', async () => {
    writeFileSync(join(dir, 'f'), '');
    for (const path of [join(dir, 'f'), join(dir, 'missing')]) {
      const error = await listDirectory(host, path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).code).toBe('NOT_FOUND');
      expect((error as DeskError).details?.field).toBe('path');
    }
  });
});
