// Listing a Docker runtime root through Docker: the containers of its runsc runtimes,
// with Docker's names, images, states, compose projects and labels. runc containers
// are not listed. Stopped containers have no runsc state anywhere, yet Docker keeps
// them (a checkpoint restores into one): they are listed under the first Docker root.
import { DeskError } from '../../../shared/errors';
import type { Container, ContainerStatus, DockerContainerInfo } from '../../../shared/model';
import type { Host } from '../host/host';
import { isGpuContainer, nvproxyPossible } from '../cuda/gpu-container';
import { isUnreachable, type Engine, type EngineContainer, type EngineInfo } from './engine';
import { Revalidating, type RevalidatingOptions } from '../revalidating';
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

/**
 * Which root holds runsc's state for each container id: the one runsc names its files
 * after it in. The roots are read at once (each a round trip on a remote host), and not
 * at all when Docker has no runsc container.
 */
async function stateRoots(host: Host, roots: string[], ids: string[]): Promise<Map<string, string>> {
  const where = new Map<string, string>();
  if (ids.length === 0) return where;
  const listed = await Promise.all(roots.map((root) => host.readdir(root).then((entries) => entries.map((e) => e.name)).catch(() => [] as string[])));
  roots.forEach((root, i) => {
    for (const id of ids) if (!where.has(id) && listed[i]!.some((n) => n.startsWith(id))) where.set(id, root);
  });
  return where;
}

export interface DockerSnapshot {
  info: EngineInfo;
  containers: EngineContainer[];
}

export interface DockerListerOptions {
  /**
   * How long a Docker that did not answer is taken at its word before it is asked again.
   * On a remote host each ask starts `docker system dial-stdio` over ssh (a docker CLI
   * there, a few hundred ms), and a listing every few seconds would pay it every time;
   * here a refused socket answers at once, so 0.
   */
  keepUnreachableMs?: number;
  /**
   * Docker's /info (only its runtimes are used: which are runsc) kept this way; unset,
   * asked on every listing. It changes only when dockerd restarts (a Docker that stops
   * answering forgets it), and takes ~40-100 ms to answer: the most of a Docker listing.
   */
  keepInfo?: RevalidatingOptions<EngineInfo>;
}

/** One engine snapshot shared by the roots listed at the same moment. */
export class DockerLister {
  private inflight: Promise<DockerSnapshot> | null = null;
  /** Why the daemon did not answer the last time it was asked; null when it did. */
  unreachable: DeskError | null = null;
  private unreachableAt = 0;
  private readonly keepUnreachableMs: number;
  private readonly info: Revalidating<EngineInfo> | null;

  constructor(
    readonly engine: Engine,
    options: DockerListerOptions = {},
  ) {
    this.keepUnreachableMs = options.keepUnreachableMs ?? 0;
    this.info = options.keepInfo ? new Revalidating(() => engine.info(), options.keepInfo) : null;
  }

  snapshot(): Promise<DockerSnapshot> {
    if (this.unreachable && Date.now() - this.unreachableAt < this.keepUnreachableMs) return Promise.reject(this.unreachable);
    this.inflight ??= (async () => {
      try {
        const info = await (this.info ? this.info.get() : this.engine.info());
        const all = await this.engine.containers();
        this.unreachable = null;
        return { info, containers: all.filter((c) => isRunscRuntime(info, c.runtime)) };
      } catch (error) {
        if (isUnreachable(error)) {
          this.unreachable = DeskError.from(error);
          this.unreachableAt = Date.now();
          // A dockerd that comes back may have been restarted with other runtimes.
          this.info?.forget();
        }
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
