import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, dispatch, type DeskService } from '../../electron/desk/index';
import type { ContainerList } from '../../shared/model';
import { deleteAll } from '../support/sandboxes';
import { busyboxBundle, isCurrentBuild, realRunscBuilds, runSandbox, spyRunsc } from '../support/real-runsc';

const NO_DISCOVERY = { fixed: [], containerdParent: '/nonexistent', dockerDaemonJson: '/nonexistent', xdgRuntimeDir: undefined };

describe.each(realRunscBuilds())('the container list, against the real runsc $label', (build) => {
  const work = mkdtempSync(join(tmpdir(), 'desk-int-'));
  const dataDir = join(work, 'data');
  const userRoot = join(work, 'user-root');
  const brokenRoot = join(work, 'broken-root');
  const spy = spyRunsc(join(work), build.path);
  let desk: DeskService;
  const call = (method: string, payload: unknown) => dispatch(desk, method, payload);

  beforeAll(async () => {
    desk = await createDesk({ dataDir, runscPath: spy.path, privilege: 'none', locations: NO_DISCOVERY });
    runSandbox(userRoot, busyboxBundle(join(work, 'bundle')), 'web-1', ['--network=none'], build.path);
  });

  afterAll(async () => {
    await desk?.close();
    deleteAll(userRoot, build.path);
    deleteAll(join(dataDir, 'root'), build.path);
  });

  it('reports runsc, its version and which checkpoint options it has', async () => {
    const overview = (await call('getOverview', {})) as Awaited<ReturnType<DeskService['getOverview']>>;
    expect(overview.runsc.version).toBe(build.label);
    expect(overview.runsc.path).toBe(spy.path);
    expect(overview.isRoot).toBe(true);
    const support = Object.fromEntries(overview.checkpointOptions.map((o) => [o.option, o.supported]));
    const current = isCurrentBuild(build);
    expect(support).toMatchObject({ imagePath: true, leaveRunning: true, compression: current, direct: current, excludeCommittedZeroPages: current, cuda: false });
    expect(overview.roots.map((r) => r.path)).toEqual([join(dataDir, 'root')]);
  });

  it('starts the sample sandbox, and lists it as running in the Desk root', async () => {
    const started = (await call('startDemo', {})) as { root: string; id: string };
    expect(started).toEqual({ root: join(dataDir, 'root'), id: 'sample-1' });
    const list = (await call('listContainers', {})) as ContainerList;
    const sample = list.containers.find((c) => c.id === 'sample-1');
    expect(sample).toMatchObject({ root: join(dataDir, 'root'), status: 'running', bundle: join(dataDir, 'demo', 'bundle') });
    expect(sample!.pid).toBeGreaterThan(0);
    expect(Date.parse(sample!.created!)).toBeGreaterThan(Date.now() - 120_000);
    // Every runsc call for this root carried its profile, before the subcommand.
    const runCall = spy.calls().find((argv) => argv[0]?.startsWith('--root=') && argv.includes('run'))!;
    expect(runCall.slice(0, 3)).toEqual([`--root=${join(dataDir, 'root')}`, '--network=none', 'run']);
  });

  it('lists a user root beside the others, and a failing root with runsc\'s own stderr', async () => {
    await call('addRoot', { path: userRoot, globalFlags: ['--network=none'] });
    // A value runsc itself refuses: the root fails, the others still list.
    await call('addRoot', { path: brokenRoot, globalFlags: ['--network=bogus'] });
    const list = (await call('listContainers', {})) as ContainerList;
    expect(list.containers.map((c) => `${c.root}:${c.id}:${c.status}`).sort()).toEqual([
      `${join(dataDir, 'root')}:sample-1:running`,
      `${userRoot}:web-1:running`,
    ]);
    const broken = list.roots.find((r) => r.root === brokenRoot)!;
    expect(broken.error?.code).toBe('RUNSC_FAILED');
    expect(broken.error?.details?.stderr).toContain('invalid value "bogus" for flag -network');
    expect(broken.error?.details?.exitCode).toBe(2);
  });

  it('details a container: state, processes, memory and spec', async () => {
    const details = (await call('getContainer', { root: userRoot, id: 'web-1' })) as Awaited<ReturnType<DeskService['getContainer']>>;
    expect(details.state).toMatchObject({ id: 'web-1', status: 'running' });
    expect(details.processes?.map((p) => p.cmd)).toContain('busybox');
    expect(details.memory?.usageBytes).toBeGreaterThan(0);
    expect(details.spec).toMatchObject({ args: expect.arrayContaining(['/bin/busybox']), nvidia: false, rootReadonly: true });
  });

  it('says NOT_FOUND for an id that is not in the root', async () => {
    await expect(call('getContainer', { root: userRoot, id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad input naming the field, and spawns nothing', async () => {
    const before = spy.calls().length;
    const bad: [string, unknown, string][] = [
      ['getContainer', { root: userRoot, id: 'a/b' }, 'id'],
      ['getContainer', { root: userRoot, id: '-rf' }, 'id'],
      ['getContainer', { root: 'relative/root', id: 'web-1' }, 'root'],
      ['getContainer', { root: userRoot, id: 'web-1', extra: true }, 'extra'],
      ['listContainers', { root: '/tmp/../etc' }, 'root'],
      ['addRoot', { path: '/tmp/x', globalFlags: ['rm -rf /'] }, 'globalFlags.0'],
      ['startDemo', 'not an object', '(body)'],
      ['noSuchCall', {}, 'method'],
    ];
    for (const [method, payload, field] of bad) {
      await expect(call(method, payload), `${method} ${JSON.stringify(payload)}`).rejects.toMatchObject({
        details: { field },
      });
    }
    await expect(call('getContainer', { root: join(work, 'unknown'), id: 'web-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(spy.calls().slice(before).filter((argv) => !argv.includes('--version') && !argv.includes('help') && !argv.includes('flags'))).toEqual([]);
  });

  it('coalesces a burst of refreshes into one list per root', async () => {
    const before = spy.calls().length;
    const lists = (await Promise.all(Array.from({ length: 50 }, () => call('listContainers', {})))) as ContainerList[];
    expect(new Set(lists.map((l) => l.containers.length))).toEqual(new Set([2]));
    const listCalls = spy.calls().slice(before).filter((argv) => argv.includes('list'));
    // One JSON listing per root, for three roots; the text one (creation times) only runs for new sandboxes.
    expect(listCalls.length).toBe(3);
  });

  it('pushes containers:changed to listeners when a container changes', async () => {
    const seen: ContainerList[] = [];
    const off = desk.on('containers:changed', (list) => seen.push(list));
    try {
      await call('stopContainer', { root: join(dataDir, 'root'), id: 'sample-1' });
      expect(seen.at(-1)?.containers.some((c) => c.id === 'sample-1')).toBe(false);
    } finally {
      off();
    }
  });
});
