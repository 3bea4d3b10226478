// The mapping from Docker's answers to the Desk's records, with a fake engine: names,
// states, compose projects, which runtimes are runsc, which root a container is under,
// Docker's errors, and when restore is refused before anything runs.
import { describe, expect, it, vi } from 'vitest';
import { dockerSocket, engineError, isUnreachable } from '../../../electron/desk/docker/engine';
import { INFO, engineContainer, fakeEngine } from '../../support/docker';
import { DockerLister, dockerBundle, statusOf, toContainer } from '../../../electron/desk/docker/listing';
import { dockerMajor, isRunscRuntime, restoreRefusal } from '../../../electron/desk/docker/runtimes';
import { dockerCheckpointOf } from '../../../electron/desk/restore/docker-plan';
import type { Host } from '../../../electron/desk/host/host';

const ID_A = 'a'.repeat(64);
const ID_B = 'b'.repeat(64);
const ID_C = 'c'.repeat(64);

function fakeHost(dirs: Record<string, string[]>): Host {
  return { readdir: async (path: string) => (dirs[path] ?? []).map((name) => ({ name, kind: 'file' as const })) } as unknown as Host;
}

describe('Docker containers as the Desk lists them', () => {
  it('maps Docker states to the Desk\'s', () => {
    expect(['running', 'restarting', 'paused', 'created', 'exited', 'dead', 'removing'].map(statusOf)).toEqual([
      'running', 'running', 'paused', 'created', 'stopped', 'stopped', 'stopped',
    ]);
  });

  it('carries the name, image, compose project, labels, runtime and runsc binary', () => {
    const c = toContainer(INFO, { path: '/var/run/docker/runtime-runc/moby', globalFlags: [] }, engineContainer({ labels: { 'com.docker.compose.project': 'shop', tier: 'web' } }));
    expect(c).toMatchObject({
      id: ID_A,
      status: 'running',
      pid: 42,
      manager: 'docker',
      bundle: dockerBundle(ID_A),
      docker: { name: 'web', image: 'nginx:1.27', state: 'running', composeProject: 'shop', labels: { tier: 'web' }, runtime: 'runsc', runscPath: '/usr/bin/runsc' },
    });
    expect(toContainer(INFO, { path: '/r', globalFlags: [] }, engineContainer({ state: 'exited', pid: null })).pid).toBeNull();
  });

  it('counts a runtime as runsc by its name or its binary; runc is not', () => {
    expect(isRunscRuntime(INFO, 'runsc')).toBe(true);
    expect(isRunscRuntime(INFO, 'gvisor')).toBe(true);
    expect(isRunscRuntime(INFO, 'runc')).toBe(false);
    expect(isRunscRuntime(INFO, 'io.containerd.runc.v2')).toBe(false);
  });

  it('lists runsc containers only, each under the root holding its runsc state, stopped ones under the first Docker root', async () => {
    const lister = new DockerLister(fakeEngine([
      engineContainer({ id: ID_A, runtime: 'runsc' }),
      engineContainer({ id: ID_B, runtime: 'runc', name: 'plain' }),
      engineContainer({ id: ID_C, runtime: 'gvisor', state: 'exited', pid: null, name: 'stopped' }),
    ]));
    const roots = ['/docker/runtime-runc/moby', '/docker/runtime-runsc/moby'];
    const host = fakeHost({ [roots[1]!]: [`${ID_A}_sandbox:${ID_A}.state`] });
    const first = await lister.list(host, { path: roots[0]!, globalFlags: [], dockerRoots: roots });
    const second = await lister.list(host, { path: roots[1]!, globalFlags: [], dockerRoots: roots });
    expect(first.map((c) => c.docker?.name)).toEqual(['stopped']);
    expect(second.map((c) => c.docker?.name)).toEqual(['web']);
  });

  it('remembers why Docker did not answer, and forgets it once Docker answers', async () => {
    const down = engineError({ method: 'GET', path: '/version' }, '/var/run/docker.sock', Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
    let answer = false;
    const engine = { ...fakeEngine([]), info: async () => (answer ? INFO : Promise.reject(down)) };
    const lister = new DockerLister(engine);
    await expect(lister.snapshot()).rejects.toBe(down);
    expect(lister.unreachable?.message).toContain('Docker does not answer at /var/run/docker.sock');
    answer = true;
    await lister.snapshot();
    expect(lister.unreachable).toBeNull();
  });

  it("on a remote host, takes Docker's silence at its word for a while instead of dialing again on every listing", async () => {
    const down = engineError({ method: 'GET', path: '/info' }, 'ssh gpu-3 docker system dial-stdio', Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
    let asked = 0;
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const engine = { ...fakeEngine([]), info: async () => (asked++, Promise.reject(down)) };
    const lister = new DockerLister(engine, { keepUnreachableMs: 5000 });
    await expect(lister.snapshot()).rejects.toBe(down);
    now += 4999;
    await expect(lister.snapshot()).rejects.toMatchObject({ message: lister.unreachable!.message });
    expect(asked).toBe(1);
    now += 1;
    await expect(lister.snapshot()).rejects.toBe(down);
    expect(asked).toBe(2);
    vi.restoreAllMocks();
  });

  it("keeps Docker's /info as a host fact where asked to, and asks for the containers every time", async () => {
    let infos = 0;
    let lists = 0;
    const engine = { ...fakeEngine([engineContainer({ id: ID_A, runtime: 'runsc' })]), info: async () => (infos++, INFO) };
    const containers = engine.containers;
    engine.containers = () => (lists++, containers());
    const lister = new DockerLister(engine, { keepInfo: { freshMs: 5000, maxAgeMs: 30_000 } });
    for (let i = 0; i < 3; i++) expect((await lister.snapshot()).containers.map((c) => c.id)).toEqual([ID_A]);
    expect(infos).toBe(1);
    expect(lists).toBe(3);
    await new DockerLister(engine).snapshot();
    expect(infos).toBe(2);
  });

  it('reads no root folder when Docker has no runsc container, and every root at once when it has', async () => {
    const read: string[] = [];
    const host = { readdir: async (path: string) => (read.push(path), []) } as unknown as Host;
    const roots = ['/docker/runtime-runc/moby', '/docker/runtime-runsc/moby'];
    await new DockerLister(fakeEngine([engineContainer({ id: ID_B, runtime: 'runc' })])).list(host, { path: roots[0]!, globalFlags: [], dockerRoots: roots });
    expect(read).toEqual([]);
    await new DockerLister(fakeEngine([engineContainer({ id: ID_A, runtime: 'runsc' })])).list(host, { path: roots[0]!, globalFlags: [], dockerRoots: roots });
    expect(read.sort()).toEqual([...roots].sort());
  });
});

describe('Docker\'s errors', () => {
  const call = { method: 'POST' as const, path: `/containers/${ID_A}/checkpoints`, body: { CheckpointID: 'cp', Exit: true } };

  it('keeps Docker\'s own words, its status, and the call', () => {
    const e = engineError(call, '/s', { statusCode: 500, json: { message: 'runsc did not terminate successfully: panic: invalid state transition: paused => stopped' } });
    expect(e.code).toBe('RUNSC_FAILED');
    expect(e.message).toContain('Docker answered 500 to POST');
    expect(e.message).toContain('paused => stopped');
    expect(e.details).toMatchObject({ docker: { ...call, status: 500 } });
    expect(isUnreachable(e)).toBe(false);
  });

  it('answers NOT_FOUND for 404 and tells a missing or forbidden socket from Docker\'s refusal', () => {
    expect(engineError(call, '/s', { statusCode: 404, json: { message: 'No such container: x' } }).code).toBe('NOT_FOUND');
    const forbidden = engineError(call, '/s', { code: 'EACCES' });
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(isUnreachable(forbidden)).toBe(true);
  });

  it('finds the socket in DOCKER_HOST when it is a unix socket', () => {
    expect(dockerSocket({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toBe('/run/user/1000/docker.sock');
    expect(dockerSocket({})).toBe('/var/run/docker.sock');
    expect(dockerSocket({ DOCKER_HOST: 'tcp://10.0.0.1:2375' })).toBe('/var/run/docker.sock');
  });
});

describe('Docker restore, refused before anything runs', () => {
  it('is refused from Docker 28 on (moby/moby#50750) and without experimental', () => {
    expect(dockerMajor('28.5.1')).toBe(28);
    expect(restoreRefusal({ version: '27.3.1', experimental: true })).toBeNull();
    expect(restoreRefusal({ version: '28.0.0', experimental: true })).toContain('moby/moby#50750');
    expect(restoreRefusal({ version: '20.10.24+dfsg1', experimental: false })).toContain('experimental');
  });

  it('knows a Docker checkpoint folder by its path', () => {
    expect(dockerCheckpointOf(`/var/lib/docker/containers/${ID_A}/checkpoints/cp-1`)).toEqual({ dockerRoot: '/var/lib/docker', id: ID_A, name: 'cp-1' });
    expect(dockerCheckpointOf('/home/me/images/web/20261201T000000Z')).toBeNull();
  });
});
