// Listing a Docker runtime root through Docker: the containers of its runsc runtimes,
// with Docker's names, images, states, compose projects and labels. runc containers
// are not listed. Stopped containers have no runsc state anywhere, yet Docker keeps
// them (a checkpoint restores into one): they are listed under the first Docker root.
import { DeskError } from '../../../shared/errors';
import type { Container, ContainerStatus, DockerContainerInfo } from '../../../shared/model';
import type { Host } from '../host/host';
import { isGpuContainer, nvproxyPossible } from '../cuda/gpu-container';
import { isUnreachable, type Engine, type EngineContainer, type EngineInfo } from './engine';
import { isRunscRuntime, runscPathOf } from './runtimes';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** Where containerd keeps a Docker task's bundle while it runs; it vanishes when the task exits. */
export function dockerBundle(id: string): string {
  return `/var/run/docker/containerd/daemon/io.containerd.runtime.v2.task/moby/${id}`;
}

/** Docker's state in the Desk's words. */
export function statusOf(state: string): ContainerStatus {
  if (state === 'running' || state === 'restarting') return 'running';
  if (state === 'paused') return 'paused';
  if (state === 'created') return 'created';
  return 'stopped';
}

export function dockerInfoOf(info: Pick<EngineInfo, 'runtimes'>, c: EngineContainer): DockerContainerInfo {
  return {
    name: c.name,
    image: c.image,
    state: c.state,
    composeProject: c.labels[COMPOSE_PROJECT_LABEL] ?? null,
    labels: c.labels,
    runtime: c.runtime,
    runscPath: runscPathOf(info, c.runtime),
  };
}

export function toContainer(info: Pick<EngineInfo, 'runtimes'>, root: { path: string; globalFlags: string[] }, c: EngineContainer): Container {
  return {
    root: root.path,
    id: c.id,
    status: statusOf(c.state),
    pid: c.state === 'running' || c.state === 'paused' ? c.pid : null,
    bundle: dockerBundle(c.id),
    created: c.created,
    annotations: {},
    // Filled in by the listing, by runsc's own rule (cuda/gpu-container.ts), where a bundle is at hand.
    gpu: false,
    manager: 'docker',
    docker: dockerInfoOf(info, c),
  };
}

export interface DockerRootView {
  path: string;
  globalFlags: string[];
  /** Every Docker root the Desk knows, this one included, first one first. */
  dockerRoots: string[];
}

/** Which root holds runsc's state for each container id: the one runsc names its files after it in. */
async function stateRoots(host: Host, roots: string[], ids: string[]): Promise<Map<string, string>> {
  const where = new Map<string, string>();
  for (const root of roots) {
    const names = await host.readdir(root).then((entries) => entries.map((e) => e.name)).catch(() => [] as string[]);
    for (const id of ids) if (!where.has(id) && names.some((n) => n.startsWith(id))) where.set(id, root);
  }
  return where;
}

export interface DockerSnapshot {
  info: EngineInfo;
  containers: EngineContainer[];
}

/** One engine snapshot shared by the roots listed at the same moment. */
export class DockerLister {
  private inflight: Promise<DockerSnapshot> | null = null;
  /** Why the daemon did not answer the last time it was asked; null when it did. */
  unreachable: DeskError | null = null;

  constructor(readonly engine: Engine) {}

  snapshot(): Promise<DockerSnapshot> {
    this.inflight ??= (async () => {
      try {
        const info = await this.engine.info();
        const all = await this.engine.containers();
        this.unreachable = null;
        return { info, containers: all.filter((c) => isRunscRuntime(info, c.runtime)) };
      } catch (error) {
        if (isUnreachable(error)) this.unreachable = DeskError.from(error);
        throw error;
      }
    })().finally(() => (this.inflight = null));
    return this.inflight;
  }

  async list(host: Host, root: DockerRootView): Promise<Container[]> {
    const { info, containers } = await this.snapshot();
    const where = await stateRoots(host, root.dockerRoots, containers.map((c) => c.id));
    const home = root.dockerRoots[0] ?? root.path;
    const listed = containers.filter((c) => (where.get(c.id) ?? home) === root.path).map((c) => toContainer(info, root, c));
    // The same rule as a runsc root's listing: nvproxy on, and the bundle asks for a GPU.
    // Docker's bundle exists while its task runs; a stopped container reads as no GPU.
    if (nvproxyPossible(root.globalFlags, null, undefined)) {
      await Promise.all(listed.map(async (c) => (c.gpu = await isGpuContainer(host, c.bundle, root.globalFlags, null))));
    }
    return listed;
  }
}
