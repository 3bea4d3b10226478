// The checkpoint plan on a Docker root, in Docker's words: a checkpoint name (not an
// image path: Docker writes into its own folder, the only one it restores from), the
// way leave-running will go with this runtime's runsc, and the `docker` commands a
// person would type for the same thing. runsc's own checkpoint options do not pass
// through Docker's API, so asking for them is refused at their field.
import { DeskError } from '../../../shared/errors';
import type { Problem } from '../../../shared/jobs';
import type { Engine, EngineInfo } from '../docker/engine';
import { restoreRefusal, type RuntimeVersions, experimentalOff } from '../docker/runtimes';
import type { CheckpointPlanDetail, CheckpointRequest } from './plan';

/** Docker's rule for checkpoint names (its restrictedNamePattern). */
export const DOCKER_CHECKPOINT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function defaultCheckpointName(now = new Date()): string {
  return `desk-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

export function dockerCheckpointDir(info: Pick<EngineInfo, 'rootDir'>, id: string, name: string): string {
  return `${info.rootDir}/containers/${id}/checkpoints/${name}`;
}

/** The request fields that are runsc's checkpoint flags: Docker's API has none of them. */
const RUNSC_ONLY: { key: keyof CheckpointRequest; label: string }[] = [
  { key: 'imagePath', label: 'an image path (Docker writes into its own folder; name the checkpoint instead)' },
  { key: 'workPath', label: 'a work path' },
  { key: 'compression', label: 'a compression choice' },
  { key: 'direct', label: 'direct I/O' },
  { key: 'excludeCommittedZeroPages', label: 'excluding committed zero pages' },
  { key: 'extraFlags', label: 'extra runsc flags' },
  // Docker starts runsc itself: its debug flags belong in the runtime's runtimeArgs.
  { key: 'debug', label: 'debug logs (add --debug --debug-log=DIR/ to the runtime\'s runtimeArgs in daemon.json)' },
];

export interface DockerPlanDeps {
  engine: Engine;
  versions: RuntimeVersions;
}

export async function reviseForDocker(deps: DockerPlanDeps, plan: CheckpointPlanDetail, request: CheckpointRequest): Promise<void> {
  // What planCheckpoint said about runsc's flags and the Desk's image folder does not apply here.
  const runscFields = new Set(['imagePath', 'workPath', 'compression', 'direct', 'excludeCommittedZeroPages', 'leaveRunning']);
  plan.problems = plan.problems.filter((p) => !runscFields.has(p.field) && !p.field.startsWith('extraFlags'));
  plan.warnings = [];
  plan.followUps = [];
  plan.argv = [];
  const problem = (code: Problem['code'], field: string, message: string) => plan.problems.push({ code, field, message });

  for (const { key, label } of RUNSC_ONLY) {
    const value = request[key];
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    problem('UNSUPPORTED_OPTION', key, `Docker's checkpoint takes no ${label}: the Desk checkpoints Docker's containers through Docker, which passes its own options to runsc.`);
  }

  let info: EngineInfo;
  try {
    info = await deps.engine.info();
  } catch (error) {
    problem(DeskError.from(error).code, 'root', DeskError.from(error).message);
    return;
  }
  if (!info.experimental) problem('UNSUPPORTED_OPTION', 'root', experimentalOff());

  const container = plan.container;
  const name = request.checkpointName ?? defaultCheckpointName();
  if (!container || container.status !== 'running' || !container.docker) {
    plan.imagePath = container ? dockerCheckpointDir(info, container.id, name) : '';
    return;
  }
  plan.imagePath = dockerCheckpointDir(info, container.id, name);
  const docker = container.docker;

  try {
    if ((await deps.engine.listCheckpoints(container.id)).includes(name)) {
      problem('IMAGE_EXISTS', 'checkpointName', `${docker.name} already has a checkpoint named ${name}; Docker never overwrites one. Pick another name.`);
    }
  } catch (error) {
    problem(DeskError.from(error).code, 'id', DeskError.from(error).message);
  }

  const leaveRunning = Boolean(request.leaveRunning);
  const { native, version } = await deps.versions.nativeLeaveRunning(docker.runscPath);
  const runsc = `runsc ${version ?? '(version unknown)'} (runtime ${docker.runtime}, ${docker.runscPath})`;
  plan.emulateLeaveRunning = leaveRunning && !native;
  plan.argv = ['docker', 'checkpoint', 'create', ...(leaveRunning && native ? ['--leave-running'] : []), docker.name, name];

  const cannotRestore = restoreRefusal(info);
  if (version && !native) {
    plan.warnings.push(
      `With ${runsc}, a container started from a checkpoint cannot be checkpointed and started again: runsc keeps the old sandbox's state, and Docker then answers "id already in use". Use a runtime with runsc 0.0~20240729.0 or later to checkpoint it more than once.`,
    );
  }
  if (plan.emulateLeaveRunning) {
    if (cannotRestore) {
      problem('UNSUPPORTED_OPTION', 'leaveRunning', `${runsc} cannot leave a container running through Docker, and the other way (start it again from the checkpoint) needs Docker's restore: ${cannotRestore}`);
    }
    plan.warnings.push(
      `${runsc} cannot leave a container running through Docker's own leave-running (it panics "invalid state transition: paused => stopped"). The Desk checkpoints ${docker.name}, which stops it, then starts it again from that checkpoint, all through Docker. Its processes continue; its PID changes.`,
    );
    plan.followUps = [{ title: `Start ${docker.name} from ${name}`, argv: ['docker', 'start', '--checkpoint', name, docker.name] }];
  } else if (leaveRunning) {
    plan.warnings.push(`Docker's own leave-running: ${runsc} resumes the container in place.`);
  } else {
    plan.warnings.push(`Docker stops ${docker.name} once the checkpoint is written. Restore it from Images, or with docker start --checkpoint ${name} ${docker.name}.`);
    if (cannotRestore) plan.warnings.push(cannotRestore);
  }
}
