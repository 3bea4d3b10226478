// Is a container a GPU container? The same test runsc makes: google/gvisor
// runsc/specutils/nvidia.go, GPUFunctionalityRequested:
// - nvproxy must be on, by the --nvproxy flag or the `dev.gvisor.internal.nvproxy`
//   annotation read as a bool (NVProxyEnabled / AnnotationToBool);
// - then a `/dev/nvidiactl` in spec.linux.devices (GKE's device plugin, CDI) asks for it;
// - or the NVIDIA hook is there (--nvproxy-docker, or a prestart hook whose path ends in
//   /nvidia-container-runtime-hook, as `docker --gpus` adds) and NVIDIA_VISIBLE_DEVICES
//   is set and not "void" ("none" still means driver access).
// A CPU-only container in a root whose profile has --nvproxy is therefore not one.
//
// Issue 18 reports that runsc since 2026-05-20 also turns nvproxy on by itself for
// bundles with that prestart hook or a createContainer `nvidia-cdi-hook`. The stored
// nvidia.go (the version read for this port) does not show that, so those bundles count
// only when nvproxy is on by flag or annotation, or this runsc is at least that new.
// Specs are read once per bundle and mtime: the list refreshes every 3 s.
import { join } from 'node:path';
import { splitFlag } from '../runsc/capabilities';
import { errorCode, type Host } from '../host/host';

export const NVPROXY_ANNOTATION = 'dev.gvisor.internal.nvproxy';
/** The build date from which runsc enables nvproxy itself for hooked bundles (issue 18; unverified). */
export const NVPROXY_BY_HOOK_SINCE = 20260520;

export interface GpuSpec {
  process?: { env?: string[] };
  linux?: { devices?: { path?: string }[] };
  hooks?: { prestart?: { path?: string }[]; createContainer?: { path?: string }[] };
  annotations?: Record<string, string>;
}

export interface NvproxyConfig {
  /** --nvproxy in the root's global flags. */
  nvproxy: boolean;
  /** --nvproxy-docker in the root's global flags. */
  nvproxyDocker: boolean;
  /** runsc's build date (20260817), when known. */
  buildDate?: number | null;
}

/** Go's strconv.ParseBool. */
function parseBool(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

function envVar(spec: GpuSpec, name: string): string {
  const entry = (spec.process?.env ?? []).find((e) => e.startsWith(`${name}=`));
  return entry ? entry.slice(name.length + 1) : '';
}

const hasRuntimeHook = (spec: GpuSpec) => (spec.hooks?.prestart ?? []).some((h) => (h.path ?? '').endsWith('/nvidia-container-runtime-hook'));
const hasCdiHook = (spec: GpuSpec) => (spec.hooks?.createContainer ?? []).some((h) => /(^|\/)nvidia-cdi-hook$/.test(h.path ?? ''));

export function nvproxyEnabled(spec: GpuSpec, conf: NvproxyConfig): boolean {
  if (conf.nvproxy || parseBool(spec.annotations?.[NVPROXY_ANNOTATION])) return true;
  return (conf.buildDate ?? 0) >= NVPROXY_BY_HOOK_SINCE && (hasRuntimeHook(spec) || hasCdiHook(spec));
}

/** runsc/specutils/nvidia.go GPUFunctionalityRequested, ported. */
export function gpuFunctionalityRequested(spec: GpuSpec, conf: NvproxyConfig): boolean {
  if (!nvproxyEnabled(spec, conf)) return false;
  if ((spec.linux?.devices ?? []).some((d) => d.path === '/dev/nvidiactl')) return true;
  const hooked = conf.nvproxyDocker || hasRuntimeHook(spec) || hasCdiHook(spec);
  if (!hooked) return false;
  const visible = envVar(spec, 'NVIDIA_VISIBLE_DEVICES');
  return visible !== '' && visible !== 'void';
}

/**
 * Whether nvproxy can be on at all, from what a listing already has (the root's flags,
 * runsc's build date, the annotations `runsc list` prints): when it cannot, no bundle can
 * ask for a GPU, and nobody needs to read config.json (one ssh round trip per container
 * on a remote host).
 */
export function nvproxyPossible(globalFlags: string[], buildDate: number | null, annotations: Record<string, string> | undefined): boolean {
  const conf = nvproxyConfig(globalFlags, buildDate);
  return conf.nvproxy || parseBool(annotations?.[NVPROXY_ANNOTATION]) || (buildDate ?? 0) >= NVPROXY_BY_HOOK_SINCE;
}

export function nvproxyConfig(globalFlags: string[], buildDate: number | null = null): NvproxyConfig {
  const on = (name: string) =>
    globalFlags.some((f) => {
      const { name: n, value } = splitFlag(f);
      return n === name && value !== 'false';
    });
  return { nvproxy: on('nvproxy'), nvproxyDocker: on('nvproxy-docker'), buildDate };
}

/** By host and file: the same path on two hosts is two files. */
const cache = new Map<string, { mtimeMs: number; spec: GpuSpec | null }>();

/**
 * The bundle's spec, or null when it cannot be read; `final` when that answer will not
 * change by asking again: the spec was read, or there is no config.json at all. A
 * refused or half-written file may read differently next time.
 */
async function readGpuSpec(host: Host, bundle: string): Promise<{ spec: GpuSpec | null; final: boolean }> {
  const file = join(bundle, 'config.json');
  const key = `${host.name}\0${file}`;
  try {
    const { mtimeMs } = await host.stat(file);
    const hit = cache.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return { spec: hit.spec, final: true };
    const spec = JSON.parse(await host.readFile(file)) as GpuSpec;
    cache.set(key, { mtimeMs, spec });
    return { spec, final: true };
  } catch (error) {
    const code = errorCode(error);
    return { spec: null, final: code === 'ENOENT' || code === 'ENOTDIR' };
  }
}

/** Whether runsc gives this bundle's container GPU functionality under these global flags. */
export async function isGpuContainer(host: Host, bundle: string, globalFlags: string[], buildDate: number | null = null): Promise<boolean> {
  return (await gpuVerdict(host, bundle, globalFlags, buildDate)).gpu;
}

/** isGpuContainer, and whether the answer is final (see readGpuSpec). */
export async function gpuVerdict(host: Host, bundle: string, globalFlags: string[], buildDate: number | null = null): Promise<{ gpu: boolean; final: boolean }> {
  const { spec, final } = await readGpuSpec(host, bundle);
  return { gpu: spec !== null && gpuFunctionalityRequested(spec, nvproxyConfig(globalFlags, buildDate)), final };
}
