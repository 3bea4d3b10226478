// Restoring a Docker checkpoint: `docker start --checkpoint`, on the container that made
// it. Docker restores only into that same container (gVisor's user guide), which must
// still exist and be stopped. Docker 28 and later cannot restore at all (moby/moby#50750),
// and the feature needs an experimental daemon: all of that is refused before any call.
import { DeskError } from '../../../shared/errors';
import type { Problem } from '../../../shared/jobs';
import type { Engine, EngineContainer } from '../docker/engine';
import { dockerBundle } from '../docker/listing';
import { restoreRefusal } from '../docker/runtimes';
import type { Host } from '../host/host';
import type { ResolvedRoot } from '../roots';
import type { RestorePlanDetail, RestoreRequest } from './plan';

/** `<docker root>/containers/<id>/checkpoints/<name>`: a checkpoint Docker made, by container id and name. */
export function dockerCheckpointOf(path: string): { dockerRoot: string; id: string; name: string } | null {
  const match = /^(\/.*)\/containers\/([0-9a-f]{64})\/checkpoints\/([a-zA-Z0-9][a-zA-Z0-9_.-]+)\/?$/.exec(path);
  return match ? { dockerRoot: match[1]!, id: match[2]!, name: match[3]! } : null;
}

export interface DockerRestoreDeps {
  engine: Engine;
  roots: ResolvedRoot[];
  host: Host;
}

/** The Docker root where runsc still keeps state for this id, or null. */
async function leftoverState(host: Host, roots: ResolvedRoot[], id: string): Promise<string | null> {
  for (const root of roots.filter((r) => r.manager === 'docker')) {
    const names = await host.readdir(root.profile.path).catch(() => []);
    if (names.some((n) => n.name.startsWith(`${id}_sandbox:`) || n.name === id)) return root.profile.path;
  }
  return null;
}

export async function planDockerRestore(deps: DockerRestoreDeps, request: RestoreRequest): Promise<RestorePlanDetail> {
  const target = dockerCheckpointOf(request.imagePath)!;
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const problem = (code: Problem['code'], field: string, message: string) => problems.push({ code, field, message });
  const root = deps.roots.find((r) => r.manager === 'docker') ?? null;
  const rootPath = root?.profile.path ?? request.root ?? '';
  const plan = (name: string): RestorePlanDetail => ({
    argv: problems.length === 0 ? ['docker', 'start', '--checkpoint', target.name, name] : [],
    problems,
    warnings,
    resolved: { imagePath: request.imagePath, root: rootPath, id: target.id, bundle: dockerBundle(target.id) },
    defaults: [{ field: 'id', from: 'the Docker container that made this checkpoint' }],
    root,
    restoreOptions: { id: target.id, bundle: dockerBundle(target.id), imagePath: request.imagePath, detach: true },
    cudaResume: null,
  });

  if (!root) problem('NOT_FOUND', 'root', 'The Desk knows no Docker root to restore into.');
  else if (request.root && request.root !== root.profile.path) {
    problem('INVALID_INPUT', 'root', `Docker restores only into the container that made the checkpoint, under ${root.profile.path}.`);
  }
  for (const [key, label] of [['bundle', 'a bundle'], ['direct', 'direct I/O'], ['background', 'a background restore'], ['extraFlags', 'extra runsc flags'], ['debug', "debug logs (add --debug --debug-log=DIR/ to the runtime's runtimeArgs in daemon.json)"]] as const) {
    const value = request[key];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
      problem('UNSUPPORTED_OPTION', key, `docker start --checkpoint takes no ${label}: Docker passes its own options to runsc.`);
    }
  }

  try {
    const cannot = restoreRefusal(await deps.engine.info());
    if (cannot) problem('UNSUPPORTED_OPTION', 'imagePath', cannot);
  } catch (error) {
    problem(DeskError.from(error).code, 'root', DeskError.from(error).message);
    return plan(target.id);
  }

  let container: EngineContainer;
  try {
    container = await deps.engine.inspect(target.id);
  } catch (error) {
    const e = DeskError.from(error);
    problem(e.code, 'imagePath', e.code === 'NOT_FOUND' ? `Docker no longer has the container ${target.id.slice(0, 12)} that made this checkpoint, and Docker restores only into that same container.` : e.message);
    return plan(target.id);
  }
  if (request.id && request.id !== target.id && request.id !== container.name) {
    problem('INVALID_INPUT', 'id', `Docker restores only into the container that made the checkpoint: ${container.name}.`);
  }
  if (container.state === 'running' || container.state === 'paused' || container.state === 'restarting') {
    problem('INVALID_INPUT', 'id', `${container.name} is ${container.state}; Docker restores a checkpoint only into a stopped container. Stop it first (Stop in the Desk, or docker stop ${container.name}), then restore.`);
  }
  const leftover = problems.length === 0 ? await leftoverState(deps.host, deps.roots, target.id) : null;
  if (leftover) {
    // Seen with runsc 0.0~20221219.0: a sandbox started from a checkpoint, checkpointed
    // again, stays in runsc's root (paused, its process gone) though Docker shows it exited.
    problem(
      'INVALID_INPUT',
      'id',
      `Docker shows ${container.name} ${container.state}, but runsc still keeps its sandbox's state in ${leftover}, so Docker would answer "id already in use". runsc 0.0~20221219.0 does this when a container started from a checkpoint is checkpointed again. The Desk does not remove it behind Docker's back: remove it with runsc --root ${leftover} delete --force ${target.id}, then restore.`,
    );
  }
  const checkpoints = await deps.engine.listCheckpoints(target.id).catch(() => [] as string[]);
  if (!checkpoints.includes(target.name)) problem('NOT_FOUND', 'imagePath', `Docker lists no checkpoint ${target.name} for ${container.name}.`);
  warnings.push(`Docker starts ${container.name} from ${target.name}: its processes continue where the checkpoint left them.`);
  return plan(container.name);
}
