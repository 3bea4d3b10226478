// A host's programs are looked for on that host's PATH (Host.searchPath), not on this
// process's: a server's runsc in a folder only its login adds is found, and a folder only
// this machine's PATH has is not looked in there.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { discoverRunscBinaries, locateRunsc } from '../../../electron/desk/runsc/locate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-searchpath-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function folderWithRunsc(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'runsc'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(folder, 'runsc'), 0o755);
  return folder;
}

/** This machine, under another name, whose logins search `path`. */
function hostSearching(path: string): Host {
  const host = Object.create(new LocalHost()) as Host;
  Object.defineProperty(host, 'name', { value: 'gpu-3' });
  host.searchPath = async () => path;
  return host;
}

describe("a host's search path", () => {
  it("finds runsc on the host's PATH, which this process's PATH lacks", async () => {
    const serverBin = folderWithRunsc('server-bin');
    vi.stubEnv('PATH', join(dir, 'nothing-here'));
    const located = await locateRunsc(hostSearching(`/nonexistent:${serverBin}`), null);
    expect(located.path).toBe(join(serverBin, 'runsc'));
    expect(located.tried).toEqual(['/nonexistent/runsc', join(serverBin, 'runsc')]);

    const found = await discoverRunscBinaries(hostSearching(serverBin), { configured: null, added: [], dockerDaemonJson: join(dir, 'no-daemon.json') });
    expect(found.find((f) => f.path === join(serverBin, 'runsc'))?.sources).toContain('PATH');
  });

  it('lists one file once, under the first name that reached it, with every source (a merged /usr: /bin is /usr/bin)', async () => {
    const usrBin = folderWithRunsc('usr-bin');
    const bin = join(dir, 'bin');
    symlinkSync(usrBin, bin);
    const found = await discoverRunscBinaries(hostSearching(`${bin}:${usrBin}`), {
      configured: join(usrBin, 'runsc'),
      added: [join(bin, 'runsc')],
      dockerDaemonJson: join(dir, 'no-daemon.json'),
    });
    const here = found.filter((f) => f.path.startsWith(dir));
    expect(here).toEqual([{ path: join(usrBin, 'runsc'), sources: ['settings', 'added', 'PATH'] }]);
  });

  it('keeps a configured path that is broken, by its path, so Settings can say why', async () => {
    const found = await discoverRunscBinaries(hostSearching(join(dir, 'empty')), {
      configured: join(dir, 'gone', 'runsc'),
      added: [],
      dockerDaemonJson: join(dir, 'no-daemon.json'),
    });
    expect(found[0]).toEqual({ path: join(dir, 'gone', 'runsc'), sources: ['settings'] });
  });

  it("does not look on the host in folders only this process's PATH names", async () => {
    const ours = folderWithRunsc('this-machine-bin');
    vi.stubEnv('PATH', ours);
    const located = await locateRunsc(hostSearching(join(dir, 'empty')), null);
    expect(located.path).toBeNull();
    expect(located.problem).toBe('runsc was not found on PATH');
    expect(located.tried).toEqual([join(dir, 'empty', 'runsc')]);
  });

  it('is this process\'s PATH on this machine', async () => {
    vi.stubEnv('PATH', '/a/b:/c');
    await expect(new LocalHost().searchPath()).resolves.toBe('/a/b:/c');
  });
});
