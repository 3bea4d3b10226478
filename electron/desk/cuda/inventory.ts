// The host's NVIDIA driver version and GPUs, kept in a GPU image's record. gVisor
// (runsc/boot/restore.go) refuses a restore when the driver version differs from the
// one saved: "nvidia driver version changed during restore: was X, now Y". Another GPU
// model or count is not refused there but the CUDA state may not fit it: warn too.
import type { GpuInventory } from '../../../shared/gpu';
import type { Host } from '../host/host';
import { locateBinary } from '../runsc/locate';

const QUERY_TIMEOUT_MS = 10_000;

/** `nvidia-smi --query-gpu=driver_version,name --format=csv,noheader`: one line per GPU. */
export function parseGpuInventory(stdout: string): GpuInventory | null {
  const rows = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const comma = l.indexOf(',');
      return comma < 0 ? null : { driver: l.slice(0, comma).trim(), name: l.slice(comma + 1).trim() };
    });
  if (rows.length === 0 || rows.some((r) => r === null || !r.driver)) return null;
  return { driverVersion: rows[0]!.driver, gpus: rows.map((r) => r!.name) };
}

/** Null where nvidia-smi is missing or fails: no inventory is recorded, nothing is compared. */
export async function gpuInventory(host: Host): Promise<GpuInventory | null> {
  try {
    const located = await locateBinary(host, 'nvidia-smi', null);
    if (!located.path) return null;
    const result = await host.run({ argv: [located.path, '--query-gpu=driver_version,name', '--format=csv,noheader'], timeoutMs: QUERY_TIMEOUT_MS });
    return result.exitCode === 0 ? parseGpuInventory(result.stdout) : null;
  } catch {
    return null;
  }
}

const describe = (inv: GpuInventory) => `driver ${inv.driverVersion}, ${inv.gpus.length} × ${[...new Set(inv.gpus)].join(' + ') || 'no GPU'}`;

/** A warning when the restoring host differs from the saving one; null when they match or are unknown. */
export function inventoryChange(saved: GpuInventory, now: GpuInventory | null): string | null {
  if (!now) return `The image was saved on ${describe(saved)}; this host's NVIDIA driver could not be read (nvidia-smi). runsc refuses the restore if the driver version differs.`;
  if (saved.driverVersion !== now.driverVersion) {
    return `The image was saved on NVIDIA driver ${saved.driverVersion}; this host has ${now.driverVersion}. runsc refuses that restore ("nvidia driver version changed during restore"): restore on a host with driver ${saved.driverVersion}.`;
  }
  if (saved.gpus.join('\n') !== now.gpus.join('\n')) {
    return `The image was saved on ${describe(saved)}; this host has ${describe(now)}. The CUDA state may not fit other GPUs: the restored processes can fail on their first CUDA call.`;
  }
  return null;
}
