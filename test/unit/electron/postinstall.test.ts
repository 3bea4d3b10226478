// scripts/postinstall.mjs: npm install fetches Electron's binary where it can, and
// where it cannot the install still succeeds, with one line saying why.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronInstaller, fetchElectron } from '../../../scripts/postinstall.mjs';

const REPO = path.resolve(__dirname, '../../..');
let root: string;

/** A project whose electron package's install.js runs `body`. */
async function project(body: string) {
  const electron = path.join(root, 'node_modules', 'electron');
  await mkdir(electron, { recursive: true });
  await mkdir(path.join(root, 'scripts'));
  await copyFile(path.join(REPO, 'scripts/postinstall.mjs'), path.join(root, 'scripts/postinstall.mjs'));
  await writeFile(path.join(root, 'package.json'), '{"name":"fixture","private":true}');
  await writeFile(path.join(electron, 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  await writeFile(path.join(electron, 'install.js'), body);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'desk-postinstall-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('postinstall', () => {
  it("runs Electron's own fetcher, and says so when it worked", async () => {
    await project(`require('fs').writeFileSync(${JSON.stringify(path.join(root, 'ran'))}, process.argv.slice(2).join(' '));`);
    expect(electronInstaller(root)).toBe(path.join(root, 'node_modules/electron/install.js'));
    expect(fetchElectron(root, {})).toBe("Checkpoint Desk: Electron's binary is installed.");
    expect(await readFile(path.join(root, 'ran'), 'utf8')).toBe('');
  });

  it('offline: the install still succeeds, with one line saying why and how to fetch it later', async () => {
    await project(`console.error('TypeError: fetch failed\\n    at node:internal/deps/undici\\n    at FetchDownloader.download'); process.exit(1);`);
    // CI exports ELECTRON_SKIP_BINARY_DOWNLOAD for its own install; this install is offline, not skipped.
    const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...env } = process.env;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/postinstall.mjs')], { cwd: root, env });
    expect(stdout).toBe(
      "Checkpoint Desk: Electron's binary could not be fetched (TypeError: fetch failed); npm start will use the headless shell until `npx install-electron --no` succeeds.\n",
    );
    expect(stderr).toBe('');
  });

  it('gives up on a fetch that hangs', async () => {
    await project('setInterval(() => {}, 1000);');
    expect(fetchElectron(root, {}, undefined, 300)).toMatch(/could not be fetched \(no answer within 0.3 s\)/);
  });

  it("honours Electron's ELECTRON_SKIP_BINARY_DOWNLOAD, and an install without dev dependencies", async () => {
    const run = vi.fn();
    expect(fetchElectron(root, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, run as never)).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
    expect(fetchElectron(root, {}, run as never)).toMatch(/electron package is not installed .*only the headless shell/);
    expect(run).not.toHaveBeenCalled();
  });
});
