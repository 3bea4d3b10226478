import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-host-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOBODY = 65534;
const owned = (path: string) => {
  const s = statSync(path);
  return [s.uid, s.gid];
};

describe('LocalHost: run', () => {
  it('streams lines of each stream, and reports the exit', async () => {
    const lines: [string, string][] = [];
    const result = await new LocalHost().run({ argv: ['/bin/sh', '-c', 'echo a; echo b >&2; exit 3'], onLine: (s, t) => lines.push([s, t]) });
    expect(result.exitCode).toBe(3);
    expect(lines).toContainEqual(['stdout', 'a']);
    expect(lines).toContainEqual(['stderr', 'b']);
    expect(result.stderr).toBe('b\n');
  });

  it('sends a detached run to its output file and reads back what landed there', async () => {
    const file = join(dir, 'out.log');
    const result = await new LocalHost().run({ argv: ['/bin/sh', '-c', 'echo said >&2; exit 1'], outputFile: file });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('said\n');
    expect(readFileSync(file, 'utf8')).toBe('said\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('names a binary that cannot start', async () => {
    const result = await new LocalHost().run({ argv: [join(dir, 'none')] });
    expect(result.spawnError).toContain('ENOENT');
  });
});

describe('LocalHost: files', () => {
  it('reads a byte range, short at the end of the file', async () => {
    writeFileSync(join(dir, 'f'), '0123456789');
    const host = new LocalHost();
    expect((await host.readRange(join(dir, 'f'), 2, 3)).toString()).toBe('234');
    expect((await host.readRange(join(dir, 'f'), 8, 10)).toString()).toBe('89');
  });

  it('removes a file and an empty folder, and refuses a full folder unless recursive', async () => {
    const host = new LocalHost();
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'f'), 'x');
    await expect(host.remove(join(dir, 'd'))).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    await host.remove(join(dir, 'd', 'f'));
    await host.remove(join(dir, 'd'));
    await expect(host.stat(join(dir, 'd'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe.runIf(process.getuid?.() === 0)('LocalHost: owner (as root)', () => {
  it('chowns what it creates under the owner folder: folders, atomic files, appended files, copies, output files', async () => {
    const under = join(dir, 'data');
    const host = new LocalHost({ owner: { uid: NOBODY, gid: NOBODY, under } });
    await host.mkdir(join(under, 'a', 'b'), { recursive: true, mode: 0o700 });
    for (const path of [under, join(under, 'a'), join(under, 'a', 'b')]) expect(owned(path), path).toEqual([NOBODY, NOBODY]);
    await host.writeFileAtomic(join(under, 'x', 'settings.json'), '{}\n');
    expect(owned(join(under, 'x'))).toEqual([NOBODY, NOBODY]);
    expect(owned(join(under, 'x', 'settings.json'))).toEqual([NOBODY, NOBODY]);
    const log = await host.openAppend(join(under, 'log.ndjson'));
    log.write('one\n');
    log.close();
    expect(owned(join(under, 'log.ndjson'))).toEqual([NOBODY, NOBODY]);
    await host.copyFile('/bin/sh', join(under, 'sh'));
    expect(owned(join(under, 'sh'))).toEqual([NOBODY, NOBODY]);
    await host.run({ argv: ['/bin/true'], outputFile: join(under, 'stdio.log') });
    expect(owned(join(under, 'stdio.log'))).toEqual([NOBODY, NOBODY]);
    await host.mkdir(join(under, 'flat'));
    expect(owned(join(under, 'flat'))).toEqual([NOBODY, NOBODY]);
  });

  it('gives back an output file that the child handed to another user, as runsc does to a sandbox\'s stdio', async () => {
    const under = join(dir, 'data');
    mkdirSync(under);
    const file = join(under, 'sample-1.log');
    const host = new LocalHost({ owner: { uid: 1234, gid: 1234, under } });
    await host.run({ argv: ['/bin/sh', '-c', `chown ${NOBODY}:${NOBODY} '${file}'; chmod 600 '${file}'; echo hi`], outputFile: file });
    expect(owned(file)).toEqual([1234, 1234]);
  });

  it('leaves alone what exists already, and what lies outside the owner folder', async () => {
    const under = join(dir, 'data');
    mkdirSync(under);
    writeFileSync(join(under, 'old.log'), '');
    const host = new LocalHost({ owner: { uid: NOBODY, gid: NOBODY, under } });
    (await host.openAppend(join(under, 'old.log'))).close();
    expect(owned(join(under, 'old.log'))).toEqual([0, 0]);
    await host.mkdir(join(under, 'new'), { recursive: true });
    expect(owned(under)).toEqual([0, 0]);
    await host.mkdir(join(dir, 'elsewhere', 'deep'), { recursive: true });
    await host.writeFileAtomic(join(dir, 'elsewhere', 'f.json'), '{}');
    expect(owned(join(dir, 'elsewhere'))).toEqual([0, 0]);
    expect(owned(join(dir, 'elsewhere', 'f.json'))).toEqual([0, 0]);
  });

  it('chowns nothing without an owner', async () => {
    const host = new LocalHost();
    await host.mkdir(join(dir, 'p', 'q'), { recursive: true });
    await host.writeFileAtomic(join(dir, 'p', 'f'), 'x');
    expect(owned(join(dir, 'p', 'q'))).toEqual([0, 0]);
    expect(owned(join(dir, 'p', 'f'))).toEqual([0, 0]);
  });
});
