// The remote Docker connection without ssh: a Host whose runPipe is a TCP connection to a
// small Engine API server here (what `docker system dial-stdio` bridges to), or a far end
// that dies saying why. The real path, over sshd, is test/integration/docker-remote.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { Host, PipeExit, PipeProcess, PipeRequest } from '../../../electron/desk/host/host';
import { dockerAnswers } from '../../../electron/desk/docker/answers';
import { isUnreachable } from '../../../electron/desk/docker/engine';
import { DockerLister } from '../../../electron/desk/docker/listing';
import { DIAL_ARGV, remoteDockerEngine } from '../../../electron/desk/docker/remote-engine';

const ID = 'c'.repeat(64);

function engineApi(req: IncomingMessage, res: ServerResponse): void {
  const json = (body: unknown): void => void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0];
  if (path === '/version') return json({ Version: '20.10.24+dfsg1', ApiVersion: '1.41' });
  if (path === '/info') return json({ ExperimentalBuild: true, DockerRootDir: '/var/lib/docker', Runtimes: { runc: { path: 'runc' }, runsc: { path: '/usr/bin/runsc' } } });
  if (path === '/containers/json') return json([{ Id: ID }]);
  if (path === `/containers/${ID}/json`) {
    return json({ Id: ID, Name: '/web', Created: '2026-01-01T00:00:00Z', Config: { Image: 'busybox:local', Labels: {} }, State: { Status: 'running', Pid: 7 }, HostConfig: { Runtime: 'runsc' } });
  }
  res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `No such container: ${path}` }));
}

/** A Host with only a name and runPipe: each pipe a TCP connection to `port`, counted. */
function tcpHost(port: number, opened: PipeRequest[]): Host {
  return {
    name: 'gpu-3',
    runPipe: async (request: PipeRequest): Promise<PipeProcess> => {
      opened.push(request);
      const socket = connect({ port, host: '127.0.0.1' });
      const done = new Promise<PipeExit>((resolve) => {
        socket.on('close', () => resolve({ argv: request.argv, exitCode: 0, signal: null, stderr: '', cancelled: false, spawnError: null }));
      });
      socket.on('error', () => undefined);
      return { stdin: socket, stdout: socket, done };
    },
  } as unknown as Host;
}

/** A Host whose far end prints `stderr` and exits `exitCode` without a byte on stdout. */
function dyingHost(exitCode: number, stderr: string): Host {
  return {
    name: 'gpu-3',
    runPipe: async (request: PipeRequest): Promise<PipeProcess> => {
      const stdout = new PassThrough();
      const stdin = new PassThrough();
      stdin.resume();
      setImmediate(() => stdout.end());
      return { stdin, stdout, done: Promise.resolve({ argv: request.argv, exitCode, signal: null, stderr, cancelled: false, spawnError: null }) };
    },
  } as unknown as Host;
}

async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error('expected a rejection');
}

describe('Docker over a remote host\'s dial-stdio', () => {
  let server: Server;
  let port: number;
  const connections: { closed: boolean }[] = [];

  beforeEach(async () => {
    connections.length = 0;
    server = createServer(engineApi);
    server.on('connection', (socket) => {
      const seen = { closed: false };
      connections.push(seen);
      socket.on('close', () => (seen.closed = true));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('speaks the Engine API through the pipe the Host opens, running docker system dial-stdio there', async () => {
    const opened: PipeRequest[] = [];
    const engine = remoteDockerEngine(tcpHost(port, opened))!;
    try {
      const info = await engine.info();
      expect(info).toMatchObject({ version: '20.10.24+dfsg1', apiVersion: '1.41', experimental: true });
      const containers = await engine.containers();
      expect(containers).toEqual([expect.objectContaining({ id: ID, name: 'web', runtime: 'runsc', pid: 7 })]);
      expect(opened.map((r) => r.argv)).toEqual(opened.map(() => DIAL_ARGV));
      // Kept alive: four calls, at most the two channels the parallel version+info opened.
      expect(opened.length).toBeLessThanOrEqual(2);
      expect(engine.socket).toBe('"docker system dial-stdio" on host "gpu-3"');
    } finally {
      engine.close();
    }
  });

  it('close() ends the connections it kept open', async () => {
    const engine = remoteDockerEngine(tcpHost(port, []))!;
    await engine.info();
    expect(connections.length).toBeGreaterThan(0);
    engine.close();
    await expect.poll(() => connections.every((c) => c.closed)).toBe(true);
  });

  it('an idle connection is closed soon, since each holds one of the host\'s ssh sessions; the next call opens another', async () => {
    const opened: PipeRequest[] = [];
    const engine = remoteDockerEngine(tcpHost(port, opened), { idleMs: 100 })!;
    try {
      await engine.inspect(ID);
      expect(connections).toHaveLength(1);
      await expect.poll(() => connections[0]!.closed, { timeout: 3000 }).toBe(true);
      await engine.inspect(ID);
      expect(opened).toHaveLength(2);
    } finally {
      engine.close();
    }
  });

  it('a Docker error status is still Docker\'s answer, not an unreachable daemon', async () => {
    const engine = remoteDockerEngine(tcpHost(port, []))!;
    try {
      const e = await rejection(engine.inspect('gone'));
      expect(e.code).toBe('NOT_FOUND');
      expect(isUnreachable(e)).toBe(false);
    } finally {
      engine.close();
    }
  });

  const farEnds: [string, number, string, string, RegExp][] = [
    ['no docker CLI', 127, 'sh: 1: exec: docker: not found\n', 'NOT_FOUND', /docker: not found \(the docker CLI is not installed there/],
    [
      'no access to the socket', 1,
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied\n',
      'FORBIDDEN', /connect: permission denied \(the ssh user may not use the Docker socket there/,
    ],
    ['dockerd down', 1, 'failed to open the raw stream connection: dial unix /var/run/docker.sock: connect: connection refused\n', 'NOT_FOUND', /connection refused \(dockerd is not running there/],
    ['a docker too old', 1, 'docker: \'system dial-stdio\' is not a docker command.\n', 'UNSUPPORTED_OPTION', /too old/],
  ];

  it.each(farEnds)('%s: the call fails in the far end\'s own words, as an unreachable daemon', async (_label, exitCode, stderr, code, words) => {
    const engine = remoteDockerEngine(dyingHost(exitCode, stderr))!;
    const e = await rejection(engine.info());
    expect(e).toBeInstanceOf(DeskError);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^Docker does not answer on host "gpu-3": "docker system dial-stdio" said: /);
    expect(e.message).toMatch(words);
    expect(e.details).toMatchObject({ dockerUnreachable: true, host: 'gpu-3', exitCode, stderr, docker: { method: 'GET' } });
    expect(isUnreachable(e)).toBe(true);
  });

  it('ssh itself failing keeps ssh\'s words and counts as unreachable', async () => {
    const refused = new DeskError('INTERNAL', 'Host "gpu-3" (gpu-3) is unreachable: ssh: connect to host 10.0.0.5 port 22: Connection refused.', { reason: 'unreachable', stderr: 'ssh: connect to host 10.0.0.5 port 22: Connection refused' });
    const host = { name: 'gpu-3', runPipe: () => Promise.reject(refused) } as unknown as Host;
    const e = await rejection(remoteDockerEngine(host)!.info());
    expect(e.message).toBe(`Docker on host "gpu-3" was not reached: ${refused.message}`);
    expect(e.details).toMatchObject({ reason: 'unreachable', dockerUnreachable: true });
  });

  it('the lister remembers why, so changes are refused saying so; testHost\'s answer carries it', async () => {
    const engine = remoteDockerEngine(dyingHost(127, 'sh: 1: exec: docker: not found\n'))!;
    const lister = new DockerLister(engine);
    await rejection(lister.snapshot());
    expect(lister.unreachable?.message).toContain('docker: not found');
    const answer = await dockerAnswers(engine);
    expect(answer).toMatchObject({ answers: false, version: null, error: { code: 'NOT_FOUND', details: { stderr: 'sh: 1: exec: docker: not found\n' } } });
  });

  it('testHost\'s answer for a Docker that answers: version and runsc runtimes', async () => {
    const engine = remoteDockerEngine(tcpHost(port, []))!;
    try {
      expect(await dockerAnswers(engine)).toEqual({ answers: true, version: '20.10.24+dfsg1', apiVersion: '1.41', runscRuntimes: ['runsc'], error: null });
    } finally {
      engine.close();
    }
  });

  it('a Host that cannot stream has no remote Docker', () => {
    expect(remoteDockerEngine({ name: 'x' } as unknown as Host)).toBeNull();
  });
});
