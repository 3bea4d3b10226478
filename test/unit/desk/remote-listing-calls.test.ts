// What a listing asks a remote host, counted on a fake one (this machine under another
// name, each call a round trip over ssh): once warm, only `runsc list`, one per root, all
// at once; where runsc is and which roots exist is kept, not asked again. This machine
// looks again on every listing, so a root made or a binary replaced shows at once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkPaths, type Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import type { Managers } from '../../../electron/desk/managers/manager';
import type { KnownLocations } from '../../../electron/desk/roots';
import { ContainersService } from '../../../electron/desk/services/containers-service';
import { EventBus } from '../../../electron/desk/services/events';
import { RootsService } from '../../../electron/desk/services/roots-service';
import { RuntimeService } from '../../../electron/desk/services/runtime-service';
import type { SettingsStore } from '../../../electron/desk/settings';
import type { Request } from '../../../shared/schemas';

const STANDIN = join(__dirname, '../../support/runsc-current.mjs');

/** This machine named `name`, counting each call by method; a batch stat is one call, as over ssh. */
function countingHost(name: string) {
  const local = new LocalHost();
  const counts: Record<string, number> = {};
  let running = 0;
  let mostAtOnce = 0;
  const count = (method: string) => (counts[method] = (counts[method] ?? 0) + 1);
  const host = Object.create(local) as Host & { name: string };
  Object.defineProperty(host, 'name', { value: name });
  for (const method of ['stat', 'access', 'readdir', 'readFile', 'readRange'] as const) {
    const own = local[method].bind(local) as (...args: unknown[]) => Promise<unknown>;
    (host as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => (count(method), own(...args));
  }
  host.statMany = (paths) => (count('statMany'), checkPaths(local, paths));
  host.run = async (request) => {
    count('run');
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    try {
      return await local.run(request);
    } finally {
      running--;
    }
  };
  return { host, counts: () => ({ ...counts }), mostAtOnce: () => mostAtOnce, resetMost: () => (mostAtOnce = 0) };
}

const diff = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-listcalls-'));
  // A runsc from before nvproxy could be on by hook: a listing reads no bundle (see nvproxyPossible).
  vi.stubEnv('STANDIN_GENERATION', 'nvproxy');
  // The clock stands still: a slow first probe on a busy machine must not age what was found.
  vi.spyOn(Date, 'now').mockReturnValue(Date.now());
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function services(host: Host) {
  const found = join(dir, 'var', 'run', 'runsc');
  const docker = join(dir, 'var', 'run', 'docker', 'runtime-runc', 'moby');
  const user = join(dir, 'user-root');
  mkdirSync(found, { recursive: true });
  mkdirSync(docker, { recursive: true });
  mkdirSync(user, { recursive: true });
  mkdirSync(join(dir, 'containerd'), { recursive: true });
  writeFileSync(join(user, 'stand-in-containers.json'), JSON.stringify([{ id: 'one', status: 'running', pid: 4242, bundle: join(dir, 'bundle') }]));
  writeFileSync(join(dir, 'daemon.json'), JSON.stringify({ runtimes: { runsc: { path: STANDIN, runtimeArgs: ['--network=none'] } } }));
  const locations: KnownLocations = {
    fixed: [found, docker, join(dir, 'run', 'runsc-later')],
    containerdParent: join(dir, 'containerd'),
    dockerDaemonJson: join(dir, 'daemon.json'),
    xdgRuntimeDir: undefined,
  };
  const settings = {
    get: () => ({ runscPath: STANDIN, privilege: 'none', userRoots: [{ path: user, globalFlags: [] }], profiles: {} }),
  } as unknown as SettingsStore;
  const runtime = new RuntimeService(host, settings);
  const roots = new RootsService({
    host, settings, runtime, deskRoot: join(dir, 'desk-root'), locations, changed: async () => undefined, rootInfos: async () => [],
  });
  const containers = new ContainersService({ host, runtime, roots, managers: {} as Managers, events: new EventBus(), dataDir: dir, pollMs: 60_000 });
  return { containers, list: () => containers.listContainers({} as Request<'listContainers'>), made: join(dir, 'run', 'runsc-later') };
}

// The first listing probes the stand-in: a dozen node processes, slow on a busy machine.
describe('a listing on a remote host', { timeout: 60_000 }, () => {
  it('asks where runsc is and which roots exist once, in batches, then only runs runsc list, per root at once', async () => {
    const fake = countingHost('gpu-a');
    const { list } = services(fake.host);
    const first = await list();
    expect(first.roots.map((r) => r.error)).toEqual([null, null, null, null]);
    expect(first.containers.map((c) => c.id)).toEqual(['one']);
    const warm = fake.counts();
    // Locating runsc: one batch; the roots: one batch and one read of daemon.json; no path asked alone.
    expect(warm).toMatchObject({ statMany: 2, readFile: 1 });
    expect(warm.stat ?? 0).toBe(0);
    expect(warm.access ?? 0).toBe(0);

    fake.resetMost();
    const second = await list();
    expect(second.containers.map((c) => c.id)).toEqual(['one']);
    // The desk root, the two found (Docker's bound to its own runsc) and the user's: one
    // `runsc list` each, all at once, and nothing else.
    expect(diff(fake.counts(), warm)).toEqual({ run: 4 });
    expect(fake.mostAtOnce()).toBe(4);
  });

  it('looks again on this machine every time: a root made since shows on the next listing', async () => {
    const fake = countingHost('local');
    const { list, made } = services(fake.host);
    await list();
    const warm = fake.counts();
    mkdirSync(made, { recursive: true });
    const second = await list();
    const asked = diff(fake.counts(), warm);
    // runsc located for the default and for Docker's root, the roots looked for (a batch,
    // daemon.json, the containerd namespaces), then one `runsc list` per root, the new one's too.
    expect(asked).toEqual({ statMany: 3, readFile: 1, readdir: 1, run: 5 });
    expect(second.roots.map((r) => r.root)).toContain(made);
  });
});
