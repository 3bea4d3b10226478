// The bundles as Electron will load them: the preload runs in a bare context with a
// require that knows only 'electron', as a sandboxed preload does.
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESK_METHODS } from '../../../shared/schemas';

const ROOT = path.resolve(__dirname, '../../..');
let outdir: string;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(os.tmpdir(), 'desk-build-'));
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs'), '--outdir', outdir], { cwd: ROOT });
}, 60_000);

afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

const requiresOf = (code: string) => [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))];

describe('build-electron', () => {
  it('bundles the preload so that it requires only electron, and runs sandboxed', async () => {
    const code = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
    expect(requiresOf(code)).toEqual(['electron']);

    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: { invoke: vi.fn(), on: vi.fn() },
    };
    const module = { exports: {} };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'preload.cjs' });

    expect([...exposed.keys()]).toEqual(['desk', 'deskShell']);
    expect(Object.keys(exposed.get('desk')!).sort()).toEqual([...DESK_METHODS, 'on'].sort());
    // One listener for DeskApi events, one for the application menu's commands.
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(2);
  });

  it('bundles main with the service, leaving only electron and Node built-ins outside', async () => {
    const code = await readFile(path.join(outdir, 'main.cjs'), 'utf8');
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const outside = requiresOf(code).filter((name) => name !== 'electron' && !builtins.has(name));
    expect(outside).toEqual([]);
    expect(code).not.toMatch(/\bimport\.meta\b/);
  });
});
