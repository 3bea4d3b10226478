// cuda-checkpoint, run where it can work: inside the container, through runsc exec.
import type { CudaCliLevel, CudaProcess, CudaState } from '../../../shared/gpu';
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { parseCudaHelp } from './help';

/** Every process holding an NVIDIA device file: "pid command" per line. Plain POSIX sh. */
export const FIND_CUDA_SCRIPT =
  'for p in /proc/[0-9]*; do for f in "$p"/fd/*; do case "$(readlink "$f" 2>/dev/null)" in /dev/nvidia*) echo "${p#/proc/} $(cat "$p/comm" 2>/dev/null)"; break;; esac; done; done';

export const findCudaCommand = (): string[] => ['/bin/sh', '-c', FIND_CUDA_SCRIPT];
export const binaryCheckCommand = (path: string): string[] => ['/bin/sh', '-c', 'test -x "$1"', 'sh', path];
export const toggleCommand = (path: string, pid: number): string[] => [path, '--toggle', '--pid', String(pid)];
export const getStateCommand = (path: string, pid: number): string[] => [path, '--get-state', '--pid', String(pid)];
export const helpCommand = (path: string): string[] => [path, '--help'];

export function parseCudaProcesses(stdout: string): { pid: number; command: string }[] {
  const seen = new Set<number>();
  const out: { pid: number; command: string }[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\d+)\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const pid = Number(match[1]);
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push({ pid, command: match[2]!.trim() });
  }
  return out;
}

export function parseCudaState(stdout: string): CudaState | null {
  const match = /\b(running|locked|checkpointed|failed)\b/.exec(stdout.trim());
  return match ? (match[1] as CudaState) : null;
}

export async function binaryInContainer(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<boolean> {
  try {
    await client.call(ctx, 'exec', { id, command: binaryCheckCommand(path) });
    return true;
  } catch {
    return false;
  }
}

export async function containerCudaLevel(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<CudaCliLevel | null> {
  try {
    const result = await client.call(ctx, 'exec', { id, command: helpCommand(path) });
    return parseCudaHelp(`${result.stdout}\n${result.stderr}`)?.cliLevel ?? null;
  } catch {
    return null;
  }
}

/** The CUDA processes, with their state where the CLI can tell it; for the details panel. */
export async function listCudaProcesses(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<CudaProcess[]> {
  const found = parseCudaProcesses((await client.call(ctx, 'exec', { id, command: findCudaCommand() })).stdout);
  const level = found.length > 0 ? await containerCudaLevel(client, ctx, id, path) : null;
  return Promise.all(
    found.map(async (p) => {
      if (!level || level === 'R550') return { ...p, state: null };
      try {
        return { ...p, state: parseCudaState((await client.call(ctx, 'exec', { id, command: getStateCommand(path, p.pid) })).stdout) };
      } catch {
        return { ...p, state: null };
      }
    }),
  );
}
