// Docker on a remote host, end to end: an SSH test host (a network namespace running
// sshd, see support/sshd.ts) whose `docker system dial-stdio`, run over the Desk's ssh,
// reaches this machine's dockerd (the namespace shares this file system). The Desk lists
// Docker's runsc containers there by name, checkpoints and restores them through that
// Docker, and says why not on a host where Docker does not answer: a second sshd on the
// same address whose sessions see /dev/null where the daemon's socket is (dockerd down,
// as that host sees it: connection refused), while runsc there still lists the Docker root.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageList, RestorePlan } from '../../shared/images';
import type { ContainerList, HostTest } from '../../shared/model';
import { createDesk, dispatch, type DeskService } from '../../electron/desk/index';
import { NO_DISCOVERY, waitJob } from '../support/desk-harness';
import {
  DOCKER_RUNSC_ROOT, dockerState, ensureBusyboxImage, ensureDockerd, lastCount, removeContainers, requireDocker, runCounter, stopDockerd, waitFor,
} from '../support/docker';
import { requireSshd, startSshd, type TestSshd } from '../support/sshd';

// Both are required parts: under CI=true a missing one fails here, never skips.
const enabled = requireDocker() && requireSshd();
const LOCATIONS = { ...NO_DISCOVERY, fixed: [DOCKER_RUNSC_ROOT] };
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const NO_DOCKER_PORT = 2222;

let work: string;
let sshd: TestSshd | undefined;
let blind: ChildProcess | null = null;
let blindLog = '';
let desk: DeskService | undefined;
const started: string[] = [];
let startedDockerd = false;
const call = <T>(method: string, payload: unknown = {}) => dispatch(desk!, method, payload) as Promise<T>;

/**
 * A second sshd on the test host's address, in a mount namespace of its own where the
 * daemon's socket is /dev/null: the docker CLI is there, dockerd (as it sees it) is not.
 */
async function startBlindSshd(s: TestSshd, configFile: string): Promise<void> {
  const config = readFileSync(join(s.dir, 'sshd_config'), 'utf8')
    .replace(/^ListenAddress .*$/m, `ListenAddress ${s.address}:${NO_DOCKER_PORT}`)
    .replace(/^PidFile .*$/m, `PidFile ${join(work, 'blind-sshd.pid')}`);
  writeFileSync(join(work, 'blind_sshd_config'), config);
  blind = spawn(
    'nsenter',
    [`--net=/var/run/netns/${s.namespace}`, 'unshare', '--mount', '--propagation', 'private', 'sh', '-c',
      `mount --bind /dev/null /run/docker.sock && exec /usr/sbin/sshd -D -e -f "$0"`, join(work, 'blind_sshd_config')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  blind.stderr!.setEncoding('utf8');
  blind.stderr!.on('data', (chunk: string) => (blindLog += chunk));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (blind.exitCode !== null) throw new Error(`the second sshd exited: ${blindLog}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: s.address, port: NO_DOCKER_PORT });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the second sshd did not listen: ${blindLog}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The test host's own config, plus an alias for this sshd: same key, same data home.
  const own = readFileSync(s.configFile, 'utf8');
  const aliasBlock = own.split(/\n\s*\n/).find((block) => block.startsWith(`Host ${s.alias}\n`))!;
  writeFileSync(configFile, `${own}\n\n${aliasBlock.replace(`Host ${s.alias}\n`, `Host ${s.alias}-nodocker\n  Port ${NO_DOCKER_PORT}\n`)}\n`);
}

async function stopBlindSshd(): Promise<void> {
  if (!blind || blind.exitCode !== null || blind.signalCode !== null) return;
  const exited = new Promise((resolve) => blind!.once('close', resolve));
  blind.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  if (blind.exitCode === null && blind.signalCode === null) blind.kill('SIGKILL');
}

describe.runIf(enabled)('Docker on a remote host, over the Desk\'s ssh', () => {
  const name = `desk-remote-${suffix}`;
  let id = '';

  beforeAll(async () => {
    startedDockerd = ensureDockerd();
    ensureBusyboxImage();
    work = mkdtempSync(join(tmpdir(), 'desk-docker-remote-'));
    id = runCounter(name, 'runsc');
    started.push(id);
    sshd = await startSshd('dkr', { dataHome: join(work, 'host-data') });
    const configFile = join(work, 'ssh_config');
    await startBlindSshd(sshd, configFile);
    desk = await createDesk({ dataDir: join(work, 'desk'), runscPath: '/usr/bin/runsc', privilege: 'none', locations: LOCATIONS });
    await call('updateSettings', { sshConfigFile: configFile });
    await call('addHost', { name: 'dock', target: sshd.alias });
    await call('addHost', { name: 'nodock', target: `${sshd.alias}-nodocker` });
    await waitFor(() => lastCount(id) >= 1, `${name} counting`);
  }, 180_000);

  afterAll(async () => {
    try {
      await desk?.close();
    } finally {
      removeContainers(started);
      await stopBlindSshd();
      await sshd?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
      if (startedDockerd) stopDockerd();
    }
  }, 60_000);

  it('testHost says Docker answers there, with its version and runsc runtimes', async () => {
    const test = await call<HostTest>('testHost', { name: 'dock' });
    expect(test.reachable, JSON.stringify(test.error)).toBe(true);
    expect(test.docker).toMatchObject({ answers: true, version: expect.stringMatching(/^\d+\.\d+/), error: null });
    expect(test.docker?.runscRuntimes).toEqual(expect.arrayContaining(['runsc', 'runsc-2024']));
  }, 120_000);

  it('lists the container with Docker\'s name, runtime and manager, on that host', async () => {
    const list = await call<ContainerList>('listContainers', { host: 'dock', root: DOCKER_RUNSC_ROOT });
    const root = list.roots.find((r) => r.root === DOCKER_RUNSC_ROOT);
    expect(root, JSON.stringify(list.roots)).toMatchObject({ error: null, host: 'dock' });
    expect(root?.notice ?? null).toBeNull();
    const c = list.containers.find((x) => x.id === id);
    expect(c, JSON.stringify(list)).toMatchObject({ host: 'dock', manager: 'docker', status: 'running', root: DOCKER_RUNSC_ROOT });
    expect(c?.docker).toMatchObject({ name, image: 'busybox:local', runtime: 'runsc', runscPath: '/usr/bin/runsc' });
  }, 120_000);

  it('checkpoints it through that host\'s Docker, lists the checkpoint as the host\'s image, and restores it', async () => {
    const { jobId } = await call<{ jobId: string }>('checkpoint', { host: 'dock', root: DOCKER_RUNSC_ROOT, id, checkpointName: 'cp-remote' });
    const job = await waitJob(desk!, jobId, 90_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.find((s) => s.name === 'docker-checkpoint')?.argv).toEqual(['docker-engine-api', 'POST', `/containers/${id}/checkpoints`, JSON.stringify({ CheckpointID: 'cp-remote', Exit: true })]);
    expect(dockerState(id).Running).toBe(false);
    const atCheckpoint = lastCount(id);

    const images = await call<ImageList>('listImages', { host: 'dock' });
    const image = images.images.find((i) => i.docker?.containerId === id && i.docker.checkpoint === 'cp-remote');
    expect(image, JSON.stringify(images.images.map((i) => i.path))).toMatchObject({ host: 'dock', path: `/var/lib/docker/containers/${id}/checkpoints/cp-remote`, docker: { containerName: name } });

    const plan = await call<RestorePlan>('planRestore', { host: 'dock', imagePath: image!.path });
    expect(plan.problems).toEqual([]);
    const restore = await call<{ jobId: string }>('restore', { host: 'dock', imagePath: image!.path });
    const restored = await waitJob(desk!, restore.jobId, 90_000);
    expect(restored.status, JSON.stringify(restored.error)).toBe('succeeded');
    expect(dockerState(id)).toMatchObject({ Running: true, Paused: false });
    await waitFor(() => lastCount(id) > atCheckpoint, 'the counter to continue past the checkpoint');
  }, 240_000);

  it('a host whose Docker does not answer: testHost and the listing say why in docker\'s words; runsc lists the root', async () => {
    const test = await call<HostTest>('testHost', { name: 'nodock' });
    expect(test.reachable, JSON.stringify(test.error)).toBe(true);
    expect(test.docker?.answers).toBe(false);
    // dial-stdio's own words, and ours on what they mean.
    expect(test.docker?.error?.message).toMatch(/host "nodock".*docker system dial-stdio.*connect: connection refused.*dockerd is not running there/);
    expect(test.docker?.error?.details?.stderr).toContain('dial unix /var/run/docker.sock: connect: connection refused');

    const list = await call<ContainerList>('listContainers', { host: 'nodock', root: DOCKER_RUNSC_ROOT });
    const root = list.roots.find((r) => r.root === DOCKER_RUNSC_ROOT);
    expect(root?.notice, JSON.stringify(list.roots)).toMatch(/connection refused.*Listed by runsc instead/);
    const c = list.containers.find((x) => x.id === id);
    expect(c, JSON.stringify(list)).toMatchObject({ host: 'nodock', manager: 'docker' });
    expect(c?.docker).toBeUndefined();
    // And no change goes behind Docker's back there.
    await expect(call('stopContainer', { host: 'nodock', root: DOCKER_RUNSC_ROOT, id })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { manager: 'docker' } });
    expect(dockerState(id).Running).toBe(true);
  }, 120_000);

  it('the local view keeps working beside them: the same container by name, through the local socket', async () => {
    const list = await call<ContainerList>('listContainers', { root: DOCKER_RUNSC_ROOT });
    expect(list.containers.find((x) => x.id === id)).toMatchObject({ manager: 'docker', docker: { name } });
    const test = await call<HostTest>('testHost', { name: 'local' });
    expect(test.docker).toMatchObject({ answers: true, error: null });
  }, 120_000);
});
