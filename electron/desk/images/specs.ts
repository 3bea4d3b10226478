// container_specs in a current image's header: a JSON map of OCI specs, summarised
// per container (command, mounts, devices) for a person to read.
import type { ContainerSpecSummary } from '../../../shared/images';

interface Spec {
  process?: { args?: string[] };
  mounts?: { destination?: string; type?: string; source?: string }[];
  linux?: { devices?: { path?: string }[] };
}

export function summarizeContainerSpecs(metadata: Record<string, string>): ContainerSpecSummary[] {
  if (!metadata.container_specs) return [];
  let specs: Record<string, Spec>;
  try {
    specs = JSON.parse(metadata.container_specs) as Record<string, Spec>;
  } catch {
    return [];
  }
  return Object.entries(specs).map(([id, spec]) => ({
    id,
    command: spec.process?.args ?? [],
    mounts: (spec.mounts ?? []).map((m) => ({ destination: m.destination ?? '', type: m.type ?? '', source: m.source ?? '' })),
    devices: (spec.linux?.devices ?? []).map((d) => d.path ?? '').filter(Boolean),
  }));
}
