// The Docker Engine API, through dockerode, as the Desk uses it: the daemon's version
// and experimental flag, its runtimes, its containers and their runtime, and Docker's
// own checkpoint calls. Every call is described (method, path, body) so a job can show
// it as runsc steps show their argv, and every failure becomes a DeskError in Docker's
// own words.
//
// On this machine dockerode speaks HTTP over the unix socket itself: the one place the
// service reaches a socket without the Host seam. On a remote host it is given an
// http.Agent whose connections are `docker system dial-stdio` there (remote-engine.ts).
import type { Agent } from 'node:http';
import Docker from 'dockerode';
import { DeskError } from '../../../shared/errors';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** Where the daemon listens: DOCKER_HOST when it names a unix socket, else Docker's default. */
export function dockerSocket(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return DEFAULT_DOCKER_SOCKET;
}

/** One Engine API call as the job log shows it. */
export interface DockerCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
}

/** The calls that change things, described once: the engine makes them, jobs show them. */
export const CALLS = {
  inspect: (id: string): DockerCall => ({ method: 'GET', path: `/containers/${id}/json` }),
  createCheckpoint: (id: string, name: string, exit: boolean): DockerCall => ({
    method: 'POST',
    path: `/containers/${id}/checkpoints`,
    body: { CheckpointID: name, Exit: exit },
  }),
  deleteCheckpoint: (id: string, name: string): DockerCall => ({ method: 'DELETE', path: `/containers/${id}/checkpoints/${name}` }),
  start: (id: string, checkpoint?: string): DockerCall => ({
    method: 'POST',
    path: `/containers/${id}/start${checkpoint ? `?checkpoint=${encodeURIComponent(checkpoint)}` : ''}`,
  }),
  stop: (id: string): DockerCall => ({ method: 'POST', path: `/containers/${id}/stop` }),
};

export function describeCall(call: DockerCall): string {
  return `${call.method} ${call.path}${call.body ? ` ${JSON.stringify(call.body)}` : ''}`;
}

export interface EngineRuntime {
  path: string;
  runtimeArgs: string[];
}

export interface EngineInfo {
  version: string;
  apiVersion: string;
  experimental: boolean;
  /** /var/lib/docker: checkpoints live under <rootDir>/containers/<id>/checkpoints/<name>. */
  rootDir: string;
  runtimes: Record<string, EngineRuntime>;
}

export interface EngineContainer {
  id: string;
  /** Without Docker's leading slash. */
  name: string;
  image: string;
  /** Docker's word: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  pid: number | null;
  labels: Record<string, string>;
  runtime: string;
  /** RFC 3339. */
  created: string | null;
}

/** The calls the Desk makes; a fake stands behind it in the unit tests. */
export interface Engine {
  readonly socket: string;
  info(): Promise<EngineInfo>;
  /** Every container, running or not, with its runtime. */
  containers(): Promise<EngineContainer[]>;
  inspect(id: string): Promise<EngineContainer>;
  listCheckpoints(id: string): Promise<string[]>;
  createCheckpoint(id: string, name: string, exit: boolean): Promise<void>;
  deleteCheckpoint(id: string, name: string): Promise<void>;
  start(id: string, checkpoint?: string): Promise<void>;
  stop(id: string): Promise<void>;
  /** Ends the connections it keeps open (a remote host's ssh channels). */
  close?(): void;
}

/** A daemon reached through connections an Agent makes, named for messages. */
export interface EngineVia {
  /** Where it is, as messages name it: `docker system dial-stdio on host "gpu-3"`. */
  label: string;
  agent: Agent;
}

// @types/dockerode does not describe the checkpoint calls dockerode has.
interface CheckpointCalls {
  listCheckpoint(opts?: object): Promise<{ Name: string }[] | null>;
  createCheckpoint(opts: { CheckpointID: string; Exit: boolean }): Promise<unknown>;
  deleteCheckpoint(name: string, opts?: object): Promise<unknown>;
}

export class DockerEngine implements Engine {
  private readonly docker: Docker;
  /** A container's runtime never changes: asked once per id. */
  private readonly runtimes = new Map<string, string>();

  readonly socket: string;
  private readonly agent: Agent | null;

  constructor(where: string | EngineVia = dockerSocket()) {
    if (typeof where === 'string') {
      this.socket = where;
      this.agent = null;
      this.docker = new Docker({ socketPath: where });
    } else {
      this.socket = where.label;
      this.agent = where.agent;
      // A host name makes docker-modem build http URLs (no socketPath); the agent makes
      // every connection, so the name is never resolved. 'http' overrides an ssh:// DOCKER_HOST.
      this.docker = new Docker({ host: 'docker', protocol: 'http', pathPrefix: '/', agent: where.agent } as Docker.DockerOptions);
    }
  }

  close(): void {
    this.agent?.destroy();
  }

  async info(): Promise<EngineInfo> {
    const [version, info] = await Promise.all([
      wrap({ method: 'GET', path: '/version' }, this.socket, () => this.docker.version()),
      wrap({ method: 'GET', path: '/info' }, this.socket, () => this.docker.info() as Promise<Record<string, unknown>>),
    ]);
    const runtimes: Record<string, EngineRuntime> = {};
    for (const [name, r] of Object.entries((info.Runtimes ?? {}) as Record<string, { path?: string; runtimeArgs?: unknown }>)) {
      runtimes[name] = { path: r.path ?? name, runtimeArgs: Array.isArray(r.runtimeArgs) ? r.runtimeArgs.map(String) : [] };
    }
    return {
      version: version.Version,
      apiVersion: version.ApiVersion,
      experimental: Boolean(info.ExperimentalBuild ?? (version as { Experimental?: boolean }).Experimental),
      rootDir: String(info.DockerRootDir ?? '/var/lib/docker'),
      runtimes,
    };
  }

  async containers(): Promise<EngineContainer[]> {
    const list = await wrap({ method: 'GET', path: '/containers/json?all=1' }, this.socket, () => this.docker.listContainers({ all: true }));
    const out: EngineContainer[] = [];
    for (const c of list) {
      // Only the inspect has the runtime and the pid; the list has neither.
      try {
        out.push(await this.inspect(c.Id));
      } catch (error) {
        // Removed between the list and the inspect: it is simply gone.
        if (DeskError.from(error).code !== 'NOT_FOUND') throw error;
      }
    }
    return out;
  }

  async inspect(id: string): Promise<EngineContainer> {
    const c = await wrap(CALLS.inspect(id), this.socket, () => this.docker.getContainer(id).inspect());
    const runtime = c.HostConfig.Runtime ?? this.runtimes.get(c.Id) ?? 'runc';
    this.runtimes.set(c.Id, runtime);
    return {
      id: c.Id,
      name: c.Name.replace(/^\//, ''),
      image: c.Config.Image,
      state: c.State.Status,
      pid: c.State.Pid > 0 ? c.State.Pid : null,
      labels: c.Config.Labels ?? {},
      runtime,
      created: c.Created ?? null,
    };
  }

  async listCheckpoints(id: string): Promise<string[]> {
    const list = await wrap({ method: 'GET', path: `/containers/${id}/checkpoints` }, this.socket, () => this.checkpoints(id).listCheckpoint());
    return (list ?? []).map((c) => c.Name);
  }

  async createCheckpoint(id: string, name: string, exit: boolean): Promise<void> {
    await wrap(CALLS.createCheckpoint(id, name, exit), this.socket, () => this.checkpoints(id).createCheckpoint({ CheckpointID: name, Exit: exit }));
  }

  async deleteCheckpoint(id: string, name: string): Promise<void> {
    await wrap(CALLS.deleteCheckpoint(id, name), this.socket, () => this.checkpoints(id).deleteCheckpoint(name));
  }

  async start(id: string, checkpoint?: string): Promise<void> {
    await wrap(CALLS.start(id, checkpoint), this.socket, // docker-modem sends a POST's options as its body too, unless split: Docker refuses a start with a body.
      () => this.docker.getContainer(id).start({ _query: checkpoint ? { checkpoint } : {}, _body: {} } as Docker.ContainerStartOptions));
  }

  async stop(id: string): Promise<void> {
    await wrap(CALLS.stop(id), this.socket, () => this.docker.getContainer(id).stop());
  }

  private checkpoints(id: string): CheckpointCalls {
    return this.docker.getContainer(id) as unknown as CheckpointCalls;
  }
}

/** The daemon did not answer at all (no socket, refused, not allowed): not Docker's refusal. */
export function isUnreachable(error: unknown): boolean {
  return DeskError.from(error).details?.dockerUnreachable === true;
}

async function wrap<T>(call: DockerCall, socket: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw engineError(call, socket, error);
  }
}

/** Docker's answer as a DeskError: its own message, its status, and the call that got it. */
export function engineError(call: DockerCall, socket: string, error: unknown): DeskError {
  // A remote dial that failed already says why in docker's or ssh's words.
  if (isUnreachable(error)) {
    const e = DeskError.from(error);
    return new DeskError(e.code, e.message, { ...e.details, docker: { ...call, status: null } });
  }
  const e = error as { statusCode?: number; json?: { message?: string } | null; reason?: string; code?: string; message?: string };
  const details = { docker: { ...call, status: e.statusCode ?? null } };
  if (e.statusCode === undefined && e.code) {
    const why = e.code === 'EACCES' ? 'the Desk may not open it' : e.code === 'ENOENT' ? 'it does not exist' : e.code;
    return new DeskError(e.code === 'EACCES' ? 'FORBIDDEN' : 'NOT_FOUND', `Docker does not answer at ${socket}: ${why}. Is dockerd running?`, {
      ...details,
      dockerUnreachable: true,
      errno: e.code,
    });
  }
  const words = (e.json && typeof e.json === 'object' && e.json.message) || e.reason || e.message || String(error);
  const code = e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 400 || e.statusCode === 409 ? 'INVALID_INPUT' : 'RUNSC_FAILED';
  return new DeskError(code, `Docker answered ${e.statusCode ?? 'with an error'} to ${call.method} ${call.path}: ${String(words).trim()}`, {
    ...details,
    stderr: String(words),
  });
}
