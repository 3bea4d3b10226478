// A listing asks each sandbox's GPU question once: runsc fixed the answer when it started it.
import { describe, expect, it } from 'vitest';
import { SandboxGpu } from '../../../electron/desk/cuda/sandbox-gpu';
import type { Host } from '../../../electron/desk/host/host';

const GPU_SPEC = JSON.stringify({ linux: { devices: [{ path: '/dev/nvidiactl' }] } });

/** A host whose bundles are a map: a string is config.json, an errno name is a failed stat. */
function fakeHost(files: Record<string, string>) {
  const stats: string[] = [];
  let mtimeMs = 1;
  const host = {
    name: 'fake',
    async stat(path: string) {
      stats.push(path);
      const f = files[path];
      if (f === undefined || /^E[A-Z]+$/.test(f)) throw Object.assign(new Error(`${f ?? 'ENOENT'}: ${path}`), { code: f ?? 'ENOENT' });
      return { kind: 'file', size: f.length, mtimeMs: mtimeMs++, mode: 0o644, uid: 0, gid: 0, fileId: `0:${f.length}` };
    },
    async readFile(path: string) {
      return files[path]!;
    },
  } as unknown as Host;
  return { host, stats };
}

const sandbox = (id: string, pid: number | null) => ({ id, pid, bundle: `/b/${id}` });

describe('SandboxGpu', () => {
  it('reads each running sandbox once, and again when its pid (a new sandbox) changes', async () => {
    const { host, stats } = fakeHost({ '/b/a/config.json': GPU_SPEC, '/b/b/config.json': '{}' });
    const gpu = new SandboxGpu();
    expect(await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 10), sandbox('b', 11)])).toEqual([true, false]);
    expect(await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 10), sandbox('b', 11)])).toEqual([true, false]);
    expect(stats).toHaveLength(2);
    expect(await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 12), sandbox('b', 11)])).toEqual([true, false]);
    expect(stats).toEqual(['/b/a/config.json', '/b/b/config.json', '/b/a/config.json']);
  });

  it('asks again without a pid, after a refused read, and under other flags', async () => {
    const { host, stats } = fakeHost({ '/b/a/config.json': GPU_SPEC, '/b/b/config.json': 'EACCES' });
    const gpu = new SandboxGpu();
    for (let i = 0; i < 2; i++) expect(await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', null), sandbox('b', 11)])).toEqual([true, false]);
    expect(stats).toHaveLength(4);
    expect(await gpu.of(host, '/r', ['--nvproxy', '--debug'], null, [sandbox('a', null)])).toEqual([true]);
    expect(stats).toHaveLength(5);
  });

  it('keeps a missing config.json as no GPU, and forgets sandboxes that left the listing', async () => {
    const { host, stats } = fakeHost({});
    const gpu = new SandboxGpu();
    await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 10)]);
    await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 10)]);
    expect(stats).toHaveLength(1);
    await gpu.of(host, '/r', ['--nvproxy'], null, []);
    await gpu.of(host, '/r', ['--nvproxy'], null, [sandbox('a', 10)]);
    expect(stats).toHaveLength(2);
  });

  it('reads nothing when nvproxy cannot be on', async () => {
    const { host, stats } = fakeHost({ '/b/a/config.json': GPU_SPEC });
    expect(await new SandboxGpu().of(host, '/r', [], 20250101, [sandbox('a', 10)])).toEqual([false]);
    expect(stats).toHaveLength(0);
    const annotated = { ...sandbox('a', 10), annotations: { 'dev.gvisor.internal.nvproxy': 'true' } };
    // The annotation in the listing makes it worth reading; the spec's own annotation decides.
    await new SandboxGpu().of(host, '/r', [], 20250101, [annotated]);
    expect(stats).toHaveLength(1);
  });
});
