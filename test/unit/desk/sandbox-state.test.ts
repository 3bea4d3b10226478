// runsc's state file read in place of a `runsc list` before a checkpoint: the
// container's bundle and sandbox pid; null (ask runsc) for anything it cannot trust.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containerFromStateFile } from '../../../electron/desk/checkpoint/sandbox-state';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();
let root: string;

const state = (patch: Record<string, unknown> = {}) => ({
  id: 'web-1',
  spec: { annotations: { 'io.kubernetes.cri.container-name': 'web' } },
  bundleDir: '/srv/bundles/web-1',
  status: 'running',
  sandbox: { id: 'web-1', pid: process.pid },
  ...patch,
});
const write = (name: string, value: unknown) => writeFileSync(join(root, name), typeof value === 'string' ? value : JSON.stringify(value));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'desk-state-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('containerFromStateFile', () => {
  it('reads the bundle, the sandbox pid and the status of a live sandbox', async () => {
    write('web-1_sandbox:web-1.state', state());
    write('web-1_sandbox:web-1.lock', '');
    write('web-10_sandbox:web-10.state', state({ id: 'web-10' }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toEqual({
      root,
      id: 'web-1',
      status: 'running',
      pid: process.pid,
      bundle: '/srv/bundles/web-1',
      created: null,
      annotations: { 'io.kubernetes.cri.container-name': 'web' },
      gpu: false,
      manager: 'runsc',
    });
  });

  it('gives null where runsc must answer: no file, another layout, a bad status, a dead or zombie sandbox', async () => {
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();
    write('web-1_sandbox:web-1.state', '{not json');
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();
    write('web-1_sandbox:web-1.state', state({ bundleDir: undefined }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();
    write('web-1_sandbox:web-1.state', state({ status: 'sleeping' }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();
    write('web-1_sandbox:web-1.state', state({ sandbox: { pid: 2 ** 22 + 12345 } }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();

    // A sandbox that exited: gone from /proc, or a zombie (Z) until reaped.
    const child = spawn('true', { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    write('web-1_sandbox:web-1.state', state({ sandbox: { pid: child.pid } }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toBeNull();
  });

  it('tells a stopped container from its file, for the plan to refuse', async () => {
    write('web-1_sandbox:web-1.state', state({ status: 'stopped' }));
    await expect(containerFromStateFile(host, root, 'web-1', 'runsc')).resolves.toMatchObject({ status: 'stopped' });
  });
});
