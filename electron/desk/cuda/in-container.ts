// cuda-checkpoint, run where it can work: inside the container, through runsc exec.
//
// Which processes count, as gVisor decides it (google/gvisor pkg/sentry/control,
// cudaProcs / filterCudaProcsUsingThreadName / filterCudaProcsUsingGetState):
// - a process that holds an NVIDIA device file is a candidate;
// - NVML-only processes (nvidia-smi, DCGM, pynvml) hold one too, and cuda-checkpoint
//   fails on them on every tested driver, R570 included. A CUDA process has a thread
//   named `^cuda[0-9a-f]{11}$`; gVisor keeps only those below R555, and asks
//   `--get-state` from R555 on.
import type { CudaCliLevel, CudaProcess, CudaState } from '../../../shared/gpu';
import type { RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import { runscFailure } from '../runsc/failure';
import { cudaExec } from './exec';
import { parseCudaHelp } from './help';

/** The driver's CUDA thread name (gVisor: filterCudaProcsUsingThreadName). */
export const CUDA_THREAD = /^cuda[0-9a-f]{11}$/;
const HEX = '[0-9a-f]';

/**
 * Every process holding an NVIDIA device file: "pid thread comm" per line, thread 1 when
 * one of its threads has the driver's CUDA thread name. Plain POSIX sh, no grep: a
 * `case` pattern spells the regex out.
 */
export const FIND_CUDA_SCRIPT = [
  'for p in /proc/[0-9]*; do for f in "$p"/fd/*; do case "$(readlink "$f" 2>/dev/null)" in /dev/nvidia*)',
  ` t=0; for c in "$p"/task/*/comm; do n=; read -r n 2>/dev/null < "$c"; case "$n" in cuda${HEX.repeat(11)}) t=1; break;; esac; done;`,
  ' echo "${p#/proc/} $t $(cat "$p/comm" 2>/dev/null)"; break;; esac; done; done',
].join('');

export const findCudaCommand = (): string[] => ['/bin/sh', '-c', FIND_CUDA_SCRIPT];
export const toggleCommand = (path: string, pid: number): string[] => [path, '--toggle', '--pid', String(pid)];
export const getStateCommand = (path: string, pid: number): string[] => [path, '--get-state', '--pid', String(pid)];
export const helpCommand = (path: string): string[] => [path, '--help'];
/** `--action lock --timeout MS`: a lock that times out leaves the process running. */
export const actionCommand = (path: string, pid: number, action: 'lock' | 'checkpoint' | 'restore' | 'unlock', timeoutMs?: number): string[] => [
  path,
  '--action',
  action,
  '--pid',
  String(pid),
  ...(timeoutMs !== undefined ? ['--timeout', String(timeoutMs)] : []),
];

export interface DeviceHolder {
  pid: number;
  command: string;
  /** Has a thread named like the driver's CUDA thread. */
  cudaThread: boolean;
}

export function parseCudaProcesses(stdout: string): DeviceHolder[] {
  const seen = new Set<number>();
  const out: DeviceHolder[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^(\d+)\s+([01])\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const pid = Number(match[1]);
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push({ pid, command: match[3]!.trim(), cudaThread: match[2] === '1' });
  }
  return out;
}

export function parseCudaState(stdout: string): CudaState | null {
  const match = /\b(running|locked|checkpointed|failed)\b/.exec(stdout.trim());
  return match ? (match[1] as CudaState) : null;
}

/** What running `<path> --help` inside the container said about the binary. */
export interface CudaBinaryCheck {
  usable: boolean;
  /** Why not, in a person's words. */
  problem: string | null;
  help: string | null;
}

/**
 * Runs the binary itself: no shell needed in the image, and a binary that cannot load
 * libcuda.so.1 (exit 127 from the dynamic loader) is told apart from a missing one.
 */
export async function binaryInContainer(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<CudaBinaryCheck> {
  const result = await cudaExec(client, ctx, id, helpCommand(path));
  const text = `${result.stdout}\n${result.stderr}`;
  if (result.exitCode === 0 && parseCudaHelp(text)) return { usable: true, problem: null, help: text };
  if (result.exitCode === 127 || /libcuda\.so/.test(text)) {
    return { usable: false, problem: `cuda-checkpoint is at ${path} inside the container but cannot start: ${lastLine(text) ?? 'exit 127'}. It needs the driver's libcuda.so.1 inside the container (the NVIDIA container toolkit mounts it).`, help: null };
  }
  if (/Insufficient driver/.test(text)) {
    return { usable: false, problem: `cuda-checkpoint at ${path} says "Insufficient driver": it needs NVIDIA driver R550 or newer.`, help: null };
  }
  if (result.exitCode === 0) return { usable: false, problem: `${path} inside the container ran, but its --help names no --toggle: it is not cuda-checkpoint.`, help: null };
  return { usable: false, problem: `cuda-checkpoint is not at ${path} inside the container.`, help: null };
}

export async function containerCudaLevel(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<CudaCliLevel | null> {
  const result = await cudaExec(client, ctx, id, helpCommand(path));
  return result.exitCode === 0 ? (parseCudaHelp(`${result.stdout}\n${result.stderr}`)?.cliLevel ?? null) : null;
}

/** The CUDA processes, with their state where the CLI can tell it; for the details panel. */
export async function listCudaProcesses(client: RunscClient, ctx: RootContext, id: string, path: string): Promise<CudaProcess[]> {
  const scan = await cudaExec(client, ctx, id, findCudaCommand());
  if (scan.exitCode !== 0) throw runscFailure(scan, { during: 'call', subcommand: 'exec' });
  const found = parseCudaProcesses(scan.stdout).filter((p) => p.cudaThread);
  const level = found.length > 0 ? await containerCudaLevel(client, ctx, id, path) : null;
  return Promise.all(
    found.map(async ({ pid, command }) => {
      if (!level || level === 'R550') return { pid, command, state: null };
      const r = await cudaExec(client, ctx, id, getStateCommand(path, pid));
      return { pid, command, state: r.exitCode === 0 ? parseCudaState(r.stdout) : null };
    }),
  );
}

export function lastLine(text: string): string | null {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? null;
}
