// GPU detection is runsc's own test (runsc/specutils/nvidia.go GPUFunctionalityRequested),
// on the spec shapes real tools write.
import { describe, expect, it } from 'vitest';
import { gpuFunctionalityRequested, nvproxyConfig, nvproxyPossible, type GpuSpec } from '../../../electron/desk/cuda/gpu-container';

const plain: GpuSpec = { process: { env: ['PATH=/usr/bin'] }, linux: { devices: [] } };
/** `docker run --gpus all`: the legacy NVIDIA runtime's prestart hook and the visible devices. */
const dockerGpus: GpuSpec = {
  process: { env: ['PATH=/usr/bin', 'NVIDIA_VISIBLE_DEVICES=all'] },
  hooks: { prestart: [{ path: '/usr/bin/nvidia-container-runtime-hook' }] },
};
/** CDI (nvidia-ctk cdi generate): device nodes in linux.devices and a createContainer hook. */
const cdi: GpuSpec = {
  process: { env: ['NVIDIA_VISIBLE_DEVICES=void'] },
  linux: { devices: [{ path: '/dev/nvidia0' }, { path: '/dev/nvidiactl' }, { path: '/dev/nvidia-uvm' }] },
  hooks: { createContainer: [{ path: '/usr/bin/nvidia-cdi-hook' }] },
};

describe('gpuFunctionalityRequested', () => {
  it('a CPU-only container in a root with --nvproxy is not a GPU container', () => {
    expect(gpuFunctionalityRequested(plain, nvproxyConfig(['--nvproxy']))).toBe(false);
  });

  it('docker --gpus (prestart hook, NVIDIA_VISIBLE_DEVICES) is one when nvproxy is on', () => {
    expect(gpuFunctionalityRequested(dockerGpus, nvproxyConfig(['--nvproxy']))).toBe(true);
    expect(gpuFunctionalityRequested(dockerGpus, nvproxyConfig([]))).toBe(false);
  });

  it('NVIDIA_VISIBLE_DEVICES empty or void asks for no GPU; none still does (driver access)', () => {
    const env = (v: string): GpuSpec => ({ ...dockerGpus, process: { env: [`NVIDIA_VISIBLE_DEVICES=${v}`] } });
    expect(gpuFunctionalityRequested(env(''), nvproxyConfig(['--nvproxy']))).toBe(false);
    expect(gpuFunctionalityRequested(env('void'), nvproxyConfig(['--nvproxy']))).toBe(false);
    expect(gpuFunctionalityRequested(env('none'), nvproxyConfig(['--nvproxy']))).toBe(true);
  });

  it('--nvproxy-docker stands for the hook', () => {
    const spec: GpuSpec = { process: { env: ['NVIDIA_VISIBLE_DEVICES=0'] } };
    expect(gpuFunctionalityRequested(spec, nvproxyConfig(['--nvproxy', '--nvproxy-docker']))).toBe(true);
    expect(gpuFunctionalityRequested(spec, nvproxyConfig(['--nvproxy']))).toBe(false);
  });

  it('an nvidiactl device (GKE, CDI) asks for it whatever the env says', () => {
    expect(gpuFunctionalityRequested(cdi, nvproxyConfig(['--nvproxy']))).toBe(true);
  });

  it('the annotation is read as a bool: dev.gvisor.internal.nvproxy=false does not turn nvproxy on', () => {
    const annotated = (v: string): GpuSpec => ({ ...cdi, annotations: { 'dev.gvisor.internal.nvproxy': v } });
    expect(gpuFunctionalityRequested(annotated('false'), nvproxyConfig([]))).toBe(false);
    expect(gpuFunctionalityRequested(annotated('true'), nvproxyConfig([]))).toBe(true);
    // Other GPU-looking annotations mean nothing to runsc.
    expect(gpuFunctionalityRequested({ ...plain, annotations: { 'nvidia.com/gpu.present': 'true' } }, nvproxyConfig(['--nvproxy']))).toBe(false);
  });

  it('--nvproxy=false is off', () => {
    expect(gpuFunctionalityRequested(cdi, nvproxyConfig(['--nvproxy=false']))).toBe(false);
  });

  it('a runsc from 2026-05-20 on turns nvproxy on for hooked bundles by itself (issue 18)', () => {
    expect(gpuFunctionalityRequested(dockerGpus, nvproxyConfig([], 20260817))).toBe(true);
    expect(gpuFunctionalityRequested(dockerGpus, nvproxyConfig([], 20260401))).toBe(false);
    expect(gpuFunctionalityRequested(cdi, nvproxyConfig([], 20260817))).toBe(true);
  });
});

describe('nvproxyPossible: what a listing knows, before any bundle is read', () => {
  it('is false only where nothing can turn nvproxy on', () => {
    expect(nvproxyPossible(['--network=none'], 20221219, {})).toBe(false);
    expect(nvproxyPossible(['--nvproxy=false'], 20240729, undefined)).toBe(false);
    expect(nvproxyPossible(['--nvproxy'], 20221219, {})).toBe(true);
    expect(nvproxyPossible([], 20221219, { 'dev.gvisor.internal.nvproxy': 'true' })).toBe(true);
    // From this build on, runsc turns nvproxy on for a hooked bundle by itself: read it.
    expect(nvproxyPossible([], 20260520, {})).toBe(true);
  });

  it('never says false where gpuFunctionalityRequested could say true', () => {
    const spec: GpuSpec = { annotations: { 'dev.gvisor.internal.nvproxy': 'true' }, linux: { devices: [{ path: '/dev/nvidiactl' }] } };
    for (const flags of [[], ['--nvproxy']]) {
      for (const date of [20221219, 20260520]) {
        if (gpuFunctionalityRequested(spec, nvproxyConfig(flags, date))) expect(nvproxyPossible(flags, date, spec.annotations)).toBe(true);
      }
    }
  });
});
