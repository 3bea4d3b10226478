// A bundle's config.json, summarised for a person deciding whether to checkpoint.
import { join } from 'node:path';
import type { SpecSummary } from '../../shared/model';
import type { Host } from './host/host';

interface OciSpec {
  process?: { args?: string[]; cwd?: string };
  hostname?: string;
  root?: { path?: string; readonly?: boolean };
  mounts?: { destination?: string; type?: string; source?: string }[];
  linux?: { devices?: { path?: string }[] };
  annotations?: Record<string, string>;
}

export async function readSpecSummary(host: Host, bundle: string): Promise<SpecSummary> {
  const spec = JSON.parse(await host.readFile(join(bundle, 'config.json'))) as OciSpec;
  return summarizeSpec(spec);
}

export function summarizeSpec(spec: OciSpec): SpecSummary {
  return {
    args: spec.process?.args ?? [],
    cwd: spec.process?.cwd ?? '/',
    hostname: spec.hostname ?? null,
    rootPath: spec.root?.path ?? '',
    rootReadonly: spec.root?.readonly ?? false,
    mounts: (spec.mounts ?? []).map((m) => ({
      destination: m.destination ?? '',
      type: m.type ?? '',
      source: m.source ?? '',
    })),
    nvidia: asksForNvidia(spec),
  };
}

/** NVIDIA devices in the spec, or the annotations GPU runtimes set. */
function asksForNvidia(spec: OciSpec): boolean {
  const devices = [...(spec.linux?.devices ?? []).map((d) => d.path ?? ''), ...(spec.mounts ?? []).map((m) => m.destination ?? '')];
  if (devices.some((p) => p.startsWith('/dev/nvidia'))) return true;
  return Object.keys(spec.annotations ?? {}).some((key) =>
    /nvidia|gpu|dev\.gvisor\.internal\.nvproxy/i.test(key),
  );
}
