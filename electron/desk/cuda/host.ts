// The host's cuda-checkpoint and driver, for the overview. The host binary is only ever
// asked for --help: aimed at a sandboxed pid it cannot work (gVisor #12600), so every
// toggle runs inside the container, through runsc exec.
import type { CudaCheckpointInfo, GpuGeneration, GpuOverview } from '../../../shared/gpu';
import type { Capabilities } from '../../../shared/model';
import type { Host } from '../host/host';
import { findFlag, hasFlag } from '../runsc/capabilities';
import { locateBinary } from '../runsc/locate';
import { parseCudaHelp } from './help';

const HELP_TIMEOUT_MS = 10_000;

/** The one function that spawns cuda-checkpoint itself; it can only ask for help. */
export async function cudaCheckpointHelp(host: Host, binary: string): Promise<{ text: string; error: string | null }> {
  const result = await host.run({ argv: [binary, '--help'], timeoutMs: HELP_TIMEOUT_MS });
  const text = `${result.stdout}${result.stderr}`;
  const failed = result.spawnError !== null || result.timedOut || result.exitCode !== 0;
  if (failed && !text) return { text, error: commandFailure(binary, result) };
  return { text, error: null };
}

/** How a `--help` that printed nothing ended, in the words execa used to give. */
function commandFailure(binary: string, result: { spawnError: string | null; timedOut: boolean; exitCode: number | null; signal: string | null }): string {
  const command = `${binary} --help`;
  if (result.spawnError) return `Command failed with ${result.spawnError.split(':')[0]}: ${command}`;
  if (result.timedOut) return `Command timed out after ${HELP_TIMEOUT_MS} milliseconds: ${command}`;
  if (result.signal) return `Command was killed with ${result.signal}: ${command}`;
  return `Command failed with exit code ${result.exitCode}: ${command}`;
}

export async function probeCudaCheckpoint(host: Host, configured: string | null): Promise<CudaCheckpointInfo> {
  const located = await locateBinary(host, 'cuda-checkpoint', configured);
  if (!located.path) return { path: null, tried: located.tried, cliLevel: null, version: null, error: located.problem };
  const { text, error } = await cudaCheckpointHelp(host, located.path);
  const parsed = parseCudaHelp(text);
  if (!parsed) {
    const why = error ?? (text.includes('Insufficient driver') ? 'Insufficient driver (cuda-checkpoint needs R550 or newer)' : 'its help names no --toggle');
    return { path: located.path, tried: located.tried, cliLevel: null, version: null, error: why };
  }
  return { path: located.path, tried: located.tried, cliLevel: parsed.cliLevel, version: parsed.version, error: null };
}

export async function driverVersion(host: Host): Promise<string | null> {
  const located = await locateBinary(host, 'nvidia-smi', null);
  if (!located.path) return null;
  const result = await host.run({ argv: [located.path, '--query-gpu=driver_version', '--format=csv,noheader'], timeoutMs: HELP_TIMEOUT_MS });
  return result.exitCode === 0 ? result.stdout.split('\n')[0]!.trim() || null : null;
}

export function gpuGeneration(caps: Capabilities | null): GpuGeneration {
  if (!caps) return 'none';
  if (hasFlag(caps, 'checkpoint', 'cuda-checkpoint-path')) return 'gvisor';
  if (findFlag(caps.global, 'nvproxy')) return 'desk';
  return 'none';
}

export const GENERATION_MODE: Record<GpuGeneration, string> = {
  gvisor: 'This runsc toggles CUDA processes itself (--cuda-checkpoint-path): the binary must be inside the container.',
  desk: 'This runsc has GPU support but does not drive cuda-checkpoint: the Desk toggles each CUDA process inside the container (runsc exec).',
  none: 'This runsc has no GPU support (no --nvproxy): GPU containers cannot run or be checkpointed with it.',
};

export async function gpuOverview(host: Host, caps: Capabilities | null, cudaPath: string | null): Promise<GpuOverview> {
  const generation = gpuGeneration(caps);
  const [cudaCheckpoint, driver] = await Promise.all([probeCudaCheckpoint(host, cudaPath), driverVersion(host)]);
  return { generation, mode: GENERATION_MODE[generation], cudaCheckpoint, driverVersion: driver };
}
