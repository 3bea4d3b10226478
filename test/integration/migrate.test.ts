// Migration between two SSH hosts made on this machine: each a network namespace with its
// own sshd, and its own Desk data dir (root and images) through XDG_DATA_HOME. runsc
// sandboxes started over ssh live in their host's namespace (control sockets are per
// namespace), so both hosts can hold a sample-1. The counting sample moves from A to B,
// and its counter, read inside B, continues. A can log in to B by itself (linkHosts), so
// the image goes straight from A to B.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, dispatch, type DeskService } from '../../electron/desk/index';
import { SshHost } from '../../electron/desk/host/ssh-host';
import { transferFolder } from '../../electron/desk/migrate/transfer';
import type { ImageList } from '../../shared/images';
import type { Job, MigratePlan } from '../../shared/jobs';
import type { ContainerList } from '../../shared/model';
import { NO_DISCOVERY, waitJob } from '../support/desk-harness';
import { realRunsc, requireRealRunsc } from '../support/real-runsc';
import { requireSshd, sharedConfig, startLinkedHosts, type LinkedHosts, type TestSshd } from '../support/sshd';
import { cmdlineOf, pidsInNamespace, until } from '../support/processes';

const enabled = requireSshd() && requireRealRunsc();
const runsc = realRunsc() ?? 'runsc';

let work: string;
let a: TestSshd | undefined;
let b: TestSshd | undefined;
let hosts: LinkedHosts | undefined;
let desk: DeskService;
const call = <T>(method: string, payload: unknown = {}) => dispatch(desk, method, payload) as Promise<T>;
const rootOf = (s: TestSshd) => join(s.dataHome!, 'checkpoint-desk', 'root');
/** runsc in the host's namespace, where its sandboxes' control sockets are. */
const inHost = (s: TestSshd, args: string[]) =>
  execFileSync('nsenter', [`--net=/var/run/netns/${s.namespace}`, runsc, `--root=${rootOf(s)}`, ...args], { encoding: 'utf8', timeout: 20_000 });
const counter = (s: TestSshd, id: string) => Number(inHost(s, ['exec', id, '/bin/busybox', 'cat', '/tmp/counter']).trim());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tarPids = (s: TestSshd) => pidsInNamespace(s.namespace).filter((pid) => /^tar -cf/.test(cmdlineOf(pid)));

function deleteSandboxes(s: TestSshd | undefined): void {
  if (!s) return;
  try {
    const ids = (JSON.parse(inHost(s, ['list', '--format=json']).trim() || 'null') as { id: string }[] | null) ?? [];
    for (const { id } of ids) {
      try {
        inHost(s, ['delete', '--force', id]);
      } catch {
        // Already gone.
      }
    }
  } catch {
    // No root, or nothing in it.
  }
}

beforeAll(async () => {
  if (!enabled) return;
  work = mkdtempSync(join(tmpdir(), 'desk-migrate-'));
  hosts = await startLinkedHosts({ label: 'mga', dataHome: join(work, 'a-data') }, { label: 'mgb', dataHome: join(work, 'b-data') });
  ({ a, b } = hosts);
  desk = await createDesk({ dataDir: join(work, 'desk'), privilege: 'none', locations: NO_DISCOVERY });
  await call('updateSettings', { sshConfigFile: sharedConfig([a, b], join(work, 'ssh_config')) });
  await call('addHost', { name: 'host-a', target: a.alias });
  await call('addHost', { name: 'host-b', target: b.alias });
}, 60_000);

afterAll(async () => {
  try {
    await desk?.close();
    deleteSandboxes(a);
    deleteSandboxes(b);
  } finally {
    await hosts?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }
}, 120_000);

describe.runIf(enabled)('migrate between two SSH hosts', () => {
  it('each host runs its own sample-1, and the all-hosts list names each one\'s host', async () => {
    const onA = await call<{ root: string; id: string }>('startDemo', { host: 'host-a' });
    const onB = await call<{ root: string; id: string }>('startDemo', { host: 'host-b' });
    expect(onA).toEqual({ root: rootOf(a!), id: 'sample-1' });
    expect(onB).toEqual({ root: rootOf(b!), id: 'sample-1' });
    const all = await call<ContainerList>('listContainers', { allHosts: true });
    const samples = all.containers.filter((c) => c.id === 'sample-1').map((c) => `${c.host}:${c.status}`);
    expect(samples.sort()).toEqual(['host-a:running', 'host-b:running']);
    expect(all.hosts!.filter((h) => h.reachable).map((h) => h.name).sort()).toEqual(['host-a', 'host-b', 'local']);
    // B's goes, so A's can move there under its own id.
    await call('stopContainer', { host: 'host-b', root: rootOf(b!), id: 'sample-1' });
    const left = await call<ContainerList>('listContainers', { host: 'host-b' });
    expect(left.host).toBe('host-b');
    expect(left.containers.map((c) => c.id)).toEqual([]);
  });

  it('checkpoints on host A (left running), and the image is under host A\'s images, not here', async () => {
    const { jobId } = await call<{ jobId: string }>('checkpoint', { host: 'host-a', root: rootOf(a!), id: 'sample-1', leaveRunning: true });
    const job = await waitJob(desk, jobId, 90_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.target).toMatchObject({ host: 'host-a', id: 'sample-1' });
    expect(job.imagePath!.startsWith(join(a!.dataHome!, 'checkpoint-desk', 'images'))).toBe(true);
    const images = await call<ImageList>('listImages', { host: 'host-a' });
    expect(images.images.map((i) => [i.host, i.path, i.state])).toContainEqual(['host-a', job.imagePath, 'complete']);
    expect((await call<ImageList>('listImages', { host: 'host-b' })).images).toEqual([]);
    expect((await call<Job[]>('listJobs', { host: 'host-a' })).map((j) => j.id)).toContain(jobId);
    expect((await call<Job[]>('listJobs', { host: 'host-b' })).map((j) => j.id)).not.toContain(jobId);
    const list = await call<ContainerList>('listContainers', { host: 'host-a' });
    expect(list.containers.find((c) => c.id === 'sample-1')?.status).toBe('running');
  }, 120_000);

  it('a migration that fails at the transfer removes the half copy and restores the source in place', async () => {
    // A target image folder that cannot be made (its parent is a file): the plan cannot see it, tar can.
    const request = { host: 'host-a', root: rootOf(a!), id: 'sample-1', toHost: 'host-b', toRoot: rootOf(b!), toImageDir: '/etc/hostname/images' };
    const before = counter(a!, 'sample-1');
    const { jobId } = await call<{ jobId: string }>('migrate', request);
    const job = await waitJob(desk, jobId, 120_000);
    expect(job.status).toBe('failed');
    expect(job.error!.message).toMatch(/tar on the target host "host-b" failed/);
    expect(job.steps.map((s) => s.name)).toContain('transfer');
    expect((await call<ContainerList>('listContainers', { host: 'host-b' })).containers).toEqual([]);
    const source = await call<ContainerList>('listContainers', { host: 'host-a' });
    expect(source.containers.find((c) => c.id === 'sample-1')?.status).toBe('running');
    await sleep(1500);
    expect(counter(a!, 'sample-1')).toBeGreaterThanOrEqual(before);
  }, 180_000);

  it('a cancel while the source is checkpointed leaves it running on A, and nothing on B', async () => {
    const request = { host: 'host-a', root: rootOf(a!), id: 'sample-1', toHost: 'host-b', toRoot: rootOf(b!) };
    const { jobId } = await call<{ jobId: string }>('migrate', request);
    const deadline = Date.now() + 60_000;
    while (!(await desk.getJob({ jobId })).steps.some((s) => s.name === 'runsc') && Date.now() < deadline) await sleep(50);
    await call('cancelJob', { jobId });
    const job = await waitJob(desk, jobId, 120_000);
    expect(job.status).toBe('cancelled');
    const source = await call<ContainerList>('listContainers', { host: 'host-a' });
    expect(source.containers.find((c) => c.id === 'sample-1')?.status).toBe('running');
    expect((await call<ContainerList>('listContainers', { host: 'host-b' })).containers).toEqual([]);
    expect(existsSync(join(b!.dataHome!, 'checkpoint-desk', 'images', 'sample-1'))).toBe(false);
    const before = counter(a!, 'sample-1');
    await sleep(1500);
    expect(counter(a!, 'sample-1')).toBeGreaterThan(before);
  }, 180_000);

  it('moves the counting sample from A to B: planned on both sides, streamed with progress, and counting on in B', async () => {
    const request = { host: 'host-a', root: rootOf(a!), id: 'sample-1', toHost: 'host-b', deleteSource: true };
    const plan = await call<MigratePlan>('planMigrate', request);
    // The same root path on B is A's, not one B knows: the plan says so before anything stops.
    expect(plan.problems.map((p) => p.field)).toEqual(['toRoot']);
    expect(plan.source).toMatchObject({ host: 'host-a', id: 'sample-1', bundle: join(a!.dataHome!, 'checkpoint-desk', 'demo', 'bundle') });
    expect(plan.target).toMatchObject({ host: 'host-b', root: rootOf(a!), id: 'sample-1' });
    const toRoot = rootOf(b!);
    const planned = await call<MigratePlan>('planMigrate', { ...request, toRoot });
    expect(planned.problems).toEqual([]);
    expect(planned.target.imagePath.startsWith(join(b!.dataHome!, 'checkpoint-desk', 'images', 'sample-1'))).toBe(true);
    expect(planned.source.runscVersion).toBe(planned.target.runscVersion);

    const progress: number[] = [];
    const off = desk.on('job:update', (job) => {
      if (job.kind === 'migrate' && job.transfer) progress.push(job.transfer.bytes);
    });
    const before = counter(a!, 'sample-1');
    const { jobId } = await call<{ jobId: string }>('migrate', { ...request, toRoot });
    const job = await waitJob(desk, jobId, 180_000);
    off();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.kind).toBe('migrate');
    expect(job.target).toMatchObject({ host: 'host-a', id: 'sample-1' });
    expect(job.steps.map((s) => s.name)).toEqual(expect.arrayContaining(['runsc', 'transfer', 'wait', 'delete-source']));
    expect(job.transfer).toMatchObject({ from: 'host-a', to: 'host-b', route: 'direct', routeWhy: null });
    const log = await call<{ lines: { text: string }[] }>('getJobLog', { jobId });
    expect(log.lines.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Streaming directly host-a → host-b/), expect.stringMatching(/streamed directly host-a → host-b/)]));
    expect(job.transfer!.bytes).toBeGreaterThan(0);
    expect(job.transfer!.bytes).toBe(job.transfer!.totalBytes);
    expect(progress.length).toBeGreaterThan(0);

    const onB = await call<ContainerList>('listContainers', { host: 'host-b' });
    expect(onB.containers.find((c) => c.id === 'sample-1')).toMatchObject({ host: 'host-b', status: 'running', root: toRoot });
    const after = counter(b!, 'sample-1');
    expect(after).toBeGreaterThanOrEqual(before);
    await sleep(2500);
    expect(counter(b!, 'sample-1')).toBeGreaterThan(after);
    // The source, and its image, are gone from A.
    expect((await call<ContainerList>('listContainers', { host: 'host-a' })).containers.map((c) => c.id)).not.toContain('sample-1');
    expect(existsSync(String(job.options.imagePath))).toBe(false);
    expect(job.imagePath).toBe(job.options.targetImagePath);
    expect(existsSync(join(job.imagePath!, 'checkpoint.img'))).toBe(true);
    const images = await call<ImageList>('listImages', { host: 'host-b' });
    expect(images.images.map((i) => [i.host, i.path, i.state])).toContainEqual(['host-b', job.imagePath, 'complete']);
  }, 240_000);

  it('the link to the target cut mid-transfer (through this machine) fails the copy in ssh\'s words, and ends the source\'s tar', async () => {
    const folder = join(work, 'big-image');
    mkdirSync(folder);
    writeFileSync(join(folder, 'pages.img'), Buffer.alloc(256 * 2 ** 20, 3));
    const from = new SshHost({ name: 'host-a', target: a!.alias, configFile: join(work, 'ssh_config'), controlDir: join(work, 'cut-ssh') });
    const to = new SshHost({ name: 'host-b', target: b!.alias, configFile: join(work, 'ssh_config'), controlDir: join(work, 'cut-ssh') });
    let cut = false;
    try {
      const copy = transferFolder({
        from,
        fromDir: folder,
        to,
        toDir: join(work, 'cut-target'),
        signal: new AbortController().signal,
        // This machine's own connection to B is the one cut (transfer-direct.test.ts has the direct route).
        route: 'through-desk',
        onProgress: () => {
          if (cut) return;
          cut = true;
          b!.link(false);
        },
      });
      // ssh's keepalive (15 s, three times) gives up on the silent link.
      await expect(copy).rejects.toThrow(/host-b/);
      expect(cut).toBe(true);
      expect(await until(() => tarPids(a!).length === 0)).toBe(true);
    } finally {
      b!.link(true);
      await from.close();
      await to.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 150_000);
});
