import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpecSummary, summarizeSpec } from '../../../electron/desk/spec-summary';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

type Spec = Parameters<typeof summarizeSpec>[0];

const SPEC: Spec = {
  process: { args: ['sh', '-c', 'while true; do sleep 1; done'], cwd: '/work' },
  hostname: 'web-1',
  root: { path: 'rootfs', readonly: true },
  mounts: [
    { destination: '/proc', type: 'proc', source: 'proc' },
    { destination: '/tmp', type: 'tmpfs', source: 'tmpfs' },
  ],
  linux: { devices: [{ path: '/dev/null' }] },
};

describe('summarizeSpec', () => {
  it('summarises a plain spec, without a GPU', () => {
    expect(summarizeSpec(SPEC)).toEqual({
      args: ['sh', '-c', 'while true; do sleep 1; done'],
      cwd: '/work',
      hostname: 'web-1',
      rootPath: 'rootfs',
      rootReadonly: true,
      mounts: [
        { destination: '/proc', type: 'proc', source: 'proc' },
        { destination: '/tmp', type: 'tmpfs', source: 'tmpfs' },
      ],
      nvidia: false,
    });
  });

  it('sees NVIDIA devices', () => {
    expect(summarizeSpec({ ...SPEC, linux: { devices: [{ path: '/dev/null' }, { path: '/dev/nvidia0' }] } }).nvidia).toBe(true);
    expect(summarizeSpec({ ...SPEC, linux: { devices: [{ path: '/dev/nvidiactl' }] } }).nvidia).toBe(true);
    expect(summarizeSpec({ ...SPEC, linux: { devices: [{ path: '/dev/fuse' }] } }).nvidia).toBe(false);
  });

  it('sees NVIDIA device mounts', () => {
    expect(summarizeSpec({ ...SPEC, mounts: [{ destination: '/dev/nvidia-uvm', type: 'bind', source: '/dev/nvidia-uvm' }] }).nvidia).toBe(true);
  });

  it('sees GPU annotations', () => {
    expect(summarizeSpec({ ...SPEC, annotations: { 'dev.gvisor.internal.nvproxy': 'true' } }).nvidia).toBe(true);
    expect(summarizeSpec({ ...SPEC, annotations: { 'nvidia.com/gpu.present': 'true' } }).nvidia).toBe(true);
    expect(summarizeSpec({ ...SPEC, annotations: { 'io.kubernetes.cri.container-name': 'web' } }).nvidia).toBe(false);
  });

  it('fills defaults for an empty spec', () => {
    expect(summarizeSpec({})).toEqual({ args: [], cwd: '/', hostname: null, rootPath: '', rootReadonly: false, mounts: [], nvidia: false });
  });
});

describe('readSpecSummary', () => {
  it("reads a bundle's config.json", async () => {
    const bundle = mkdtempSync(join(tmpdir(), 'desk-bundle-'));
    try {
      // A real config.json carries more than the summary reads.
      writeFileSync(join(bundle, 'config.json'), JSON.stringify({ ociVersion: '1.0.2', ...SPEC, linux: { namespaces: [{ type: 'pid' }] } }));
      expect((await readSpecSummary(host, bundle)).hostname).toBe('web-1');
      await expect(readSpecSummary(host, join(bundle, 'missing'))).rejects.toThrow();
    } finally {
      rmSync(bundle, { recursive: true, force: true });
    }
  });
});
