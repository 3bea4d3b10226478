// The composed service, driven through dispatch as the shells drive it, with the
// stand-in runsc (no root needed) and a temporary data dir.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesk, dispatch, type DeskService } from '../../../electron/desk/index';
import type { ImageList } from '../../../shared/images';
import type { CheckpointPlan } from '../../../shared/jobs';
import type { ContainerList, Overview, RootInfo, Settings } from '../../../shared/model';

const STANDIN = join(__dirname, '..', '..', 'support', 'runsc-current.mjs');

let work: string;
let dataDir: string;
let desk: DeskService;
const call = <T>(method: string, payload: unknown = {}) => dispatch(desk, method, payload) as Promise<T>;
const onDisk = () => JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Settings;
const noDiscovery = () => ({ fixed: [], containerdParent: join(work, 'containerd'), dockerDaemonJson: join(work, 'daemon.json'), xdgRuntimeDir: undefined });
const start = (extra: Record<string, unknown> = {}) => createDesk({ dataDir, runscPath: STANDIN, privilege: 'none', locations: noDiscovery(), ...extra });

/** A root the stand-in lists, seeded with these containers. */
function seedRoot(path: string, ids: string[]): string {
  mkdirSync(path, { recursive: true });
  const containers = ids.map((id, i) => ({ id, status: 'running', pid: 100 + i, bundle: join(work, 'bundle') }));
  writeFileSync(join(path, 'stand-in-containers.json'), JSON.stringify(containers));
  return path;
}

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'desk-composed-'));
  dataDir = join(work, 'data');
  mkdirSync(join(work, 'bundle'));
  writeFileSync(join(work, 'bundle', 'config.json'), JSON.stringify({ process: { args: ['sh'] } }));
  desk = await start();
});
afterEach(async () => {
  await desk.close();
  rmSync(work, { recursive: true, force: true });
});

describe('createDesk: settings round trips', () => {
  it('saves cudaCheckpointPath, answers it, keeps it on disk and across a restart, and clears it', async () => {
    const saved = await call<Settings>('updateSettings', { cudaCheckpointPath: '/opt/cuda/bin/cuda-checkpoint' });
    expect(saved.cudaCheckpointPath).toBe('/opt/cuda/bin/cuda-checkpoint');
    expect((await call<Settings>('getSettings')).cudaCheckpointPath).toBe('/opt/cuda/bin/cuda-checkpoint');
    expect(onDisk().cudaCheckpointPath).toBe('/opt/cuda/bin/cuda-checkpoint');
    await desk.close();
    desk = await start();
    expect((await call<Settings>('getSettings')).cudaCheckpointPath).toBe('/opt/cuda/bin/cuda-checkpoint');
    // The overview looks for cuda-checkpoint where the setting says.
    expect((await call<Overview>('getOverview')).gpu.cudaCheckpoint.tried).toEqual(['/opt/cuda/bin/cuda-checkpoint']);
    await call('updateSettings', { cudaCheckpointPath: null });
    expect((await call<Settings>('getSettings')).cudaCheckpointPath).toBeNull();
    expect(onDisk().cudaCheckpointPath).toBeNull();
  });

  it('saves runscPath, and the runtime follows it', async () => {
    // No --runsc override: the saved setting decides.
    await desk.close();
    desk = await createDesk({ dataDir, privilege: 'none', locations: noDiscovery() });
    const saved = await call<Settings>('updateSettings', { runscPath: STANDIN });
    expect(saved.runscPath).toBe(STANDIN);
    expect(onDisk().runscPath).toBe(STANDIN);
    expect((await call<Overview>('getOverview')).runsc.path).toBe(STANDIN);
    // A path that is not a usable runsc is refused at the field, and nothing changes.
    await expect(call('updateSettings', { runscPath: join(work, 'no-runsc') })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: expect.objectContaining({ field: 'runscPath' }),
      message: expect.stringMatching(/no-runsc is not a runsc the Desk can use: .*does not exist\.(?!\.)/),
    });
    expect((await call<Settings>('getSettings')).runscPath).toBe(STANDIN);
    expect(onDisk().runscPath).toBe(STANDIN);
    expect((await call<Overview>('getOverview')).runsc.path).toBe(STANDIN);
  });

  it('saves privilege', async () => {
    expect((await call<Settings>('updateSettings', { privilege: 'sudo' })).privilege).toBe('sudo');
    expect((await call<Settings>('getSettings')).privilege).toBe('sudo');
    expect(onDisk().privilege).toBe('sudo');
    expect((await call<Overview>('getOverview')).privilege).toBe('sudo');
  });

  it('leaves the other fields alone when one changes', async () => {
    await call('updateSettings', { cudaCheckpointPath: '/opt/cc', privilege: 'pkexec' });
    await call('updateSettings', { runscPath: STANDIN });
    expect(await call<Settings>('getSettings')).toMatchObject({ cudaCheckpointPath: '/opt/cc', privilege: 'pkexec', runscPath: STANDIN });
  });

  it('keeps userRoots and profiles through addRoot and removeRoot', async () => {
    const mine = seedRoot(join(work, 'mine'), []);
    await call<RootInfo[]>('addRoot', { path: mine, globalFlags: ['--network=none'] });
    // The Desk's own root is found, not added: its profile is overridden instead.
    await call<RootInfo[]>('addRoot', { path: join(dataDir, 'root'), globalFlags: ['--network=none', '--debug'] });
    expect(await call<Settings>('getSettings')).toMatchObject({
      userRoots: [{ path: mine, globalFlags: ['--network=none'] }],
      profiles: { [join(dataDir, 'root')]: ['--network=none', '--debug'] },
    });
    expect(onDisk().userRoots).toEqual([{ path: mine, globalFlags: ['--network=none'] }]);
    await call('removeRoot', { path: mine });
    expect((await call<Settings>('getSettings')).userRoots).toEqual([]);
    expect(onDisk().userRoots).toEqual([]);
  });

  it('keeps imageDirs through addImageDir and removeImageDir', async () => {
    const dir = join(work, 'images-elsewhere');
    mkdirSync(dir);
    const list = await call<ImageList>('addImageDir', { path: dir });
    expect(list.dirs.map((d) => d.path)).toEqual([join(dataDir, 'images'), dir]);
    expect((await call<Settings>('getSettings')).imageDirs).toEqual([dir]);
    expect(onDisk().imageDirs).toEqual([dir]);
    await call('removeImageDir', { path: dir });
    expect((await call<Settings>('getSettings')).imageDirs).toEqual([]);
  });
});

describe('createDesk: overview and containers through dispatch', () => {
  it('answers the overview: the stand-in runsc, the Desk root, and each root with its manager', async () => {
    const mine = seedRoot(join(work, 'mine'), ['web-1', 'db-1']);
    await call('addRoot', { path: mine, globalFlags: ['--network=none'] });
    const overview = await call<Overview>('getOverview');
    expect(overview.runsc.version).toBe('release-20260817.0');
    expect(overview.dataDir).toBe(dataDir);
    expect(overview.roots.map((r) => [r.path, r.source, r.manager, r.containerCount])).toEqual([
      [join(dataDir, 'root'), 'desk', 'runsc', 0],
      [mine, 'user', 'runsc', 2],
    ]);
    expect(overview.lookedAt).toContain(`${join(work, 'containerd')}/<namespace>`);
  });

  it('lists containers, each with its manager, for all roots or one', async () => {
    const mine = seedRoot(join(work, 'mine'), ['web-1']);
    await call('addRoot', { path: mine, globalFlags: [] });
    const all = await call<ContainerList>('listContainers');
    expect(all.containers.map((c) => [c.root, c.id, c.status, c.manager])).toEqual([[mine, 'web-1', 'running', 'runsc']]);
    expect(all.roots.map((r) => [r.root, r.count, r.error])).toEqual([[join(dataDir, 'root'), 0, null], [mine, 1, null]]);
    const one = await call<ContainerList>('listContainers', { root: mine });
    expect(one.roots.map((r) => r.root)).toEqual([mine]);
    await expect(call('listContainers', { root: join(work, 'unknown') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('marks containerd roots read-only: listed, but stop and checkpoint are refused, naming containerd', async () => {
    const ns = seedRoot(join(work, 'containerd', 'k8s.io'), ['pod-1']);
    await desk.close();
    desk = await start();
    const list = await call<ContainerList>('listContainers', { root: ns });
    expect(list.containers.map((c) => [c.id, c.manager])).toEqual([['pod-1', 'containerd']]);
    expect((await call<Overview>('getOverview')).roots.find((r) => r.path === ns)).toMatchObject({ source: 'containerd', manager: 'containerd' });
    await expect(call('stopContainer', { root: ns, id: 'pod-1' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('managed by containerd'),
      details: { field: 'root', manager: 'containerd' },
    });
    const plan = await call<CheckpointPlan>('planCheckpoint', { root: ns, id: 'pod-1', imagePath: join(work, 'img') });
    expect(plan.problems[0]).toMatchObject({ field: 'root', message: expect.stringContaining('managed by containerd') });
    await expect(call('checkpoint', { root: ns, id: 'pod-1', imagePath: join(work, 'img') })).rejects.toMatchObject({
      message: expect.stringContaining('managed by containerd'),
    });
  });
});
