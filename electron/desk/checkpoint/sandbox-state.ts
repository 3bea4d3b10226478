// A container as runsc's own state file in the root describes it, read without
// spawning runsc. The checkpoint job needs the bundle and the sandbox's pid before
// runsc runs; a `runsc list` for them costs as much as a third of a busybox
// checkpoint. Whether the container runs is runsc's answer to give: the job turns
// its "cannot checkpoint container in state X" into CONTAINER_NOT_RUNNING.
import { join } from 'node:path';
import type { Container, ContainerStatus, ManagerKind } from '../../../shared/model';
import type { Host } from '../host/host';

/** runsc names a container's state `<container id>_sandbox:<sandbox id>.state` in its root. */
const STATE_FILE = /^(.+)_sandbox:(.+)\.state$/;

interface StateFile {
  id?: unknown;
  bundleDir?: unknown;
  status?: unknown;
  spec?: { annotations?: unknown };
  sandbox?: { pid?: unknown };
}

const STATUSES: readonly string[] = ['created', 'running', 'paused', 'stopped'];

/**
 * The container from its state file, or null when the file is missing, unreadable,
 * in a layout this code does not know, or names a sandbox whose process is gone
 * (runsc list would say "stopped"; the caller then asks runsc).
 */
export async function containerFromStateFile(host: Host, root: string, id: string, manager: ManagerKind): Promise<Container | null> {
  try {
    const name = (await host.readdir(root)).find((e) => e.kind === 'file' && STATE_FILE.exec(e.name)?.[1] === id)?.name;
    if (!name) return null;
    const state = JSON.parse(await host.readFile(join(root, name))) as StateFile;
    const pid = state.sandbox?.pid;
    if (state.id !== id || typeof state.bundleDir !== 'string' || typeof state.status !== 'string' || !STATUSES.includes(state.status)) return null;
    if (typeof pid !== 'number' || pid <= 0) return null;
    // A sandbox that died leaves "running" in its file; only a live process counts.
    if (!(await sandboxAlive(host, pid))) return null;
    const annotations = state.spec?.annotations;
    return {
      root,
      id,
      status: state.status as ContainerStatus,
      pid,
      bundle: state.bundleDir,
      created: null,
      annotations: typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, string>) : {},
      gpu: false,
      manager,
    };
  } catch {
    return null;
  }
}

/** The sandbox process as /proc has it: running, exited but not yet reaped, or gone. */
export async function sandboxProcess(host: Host, pid: number): Promise<'running' | 'zombie' | 'gone'> {
  let stat: string;
  try {
    stat = await host.readFile(`/proc/${pid}/stat`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  // The state letter follows the command's closing parenthesis: Z or X is an exited process nobody reaped yet.
  return /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2)) ? 'zombie' : 'running';
}

/** Whether the sandbox process runs: gone, or a zombie, is not running. One file read, where `runsc state` is a process. */
export async function sandboxAlive(host: Host, pid: number): Promise<boolean> {
  return (await sandboxProcess(host, pid)) === 'running';
}
