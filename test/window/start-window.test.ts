// The real window, on a machine that has Electron's real binary (fetched by npm install's
// postinstall or `npx install-electron --no`): launched on the app folder as start.mjs
// launches it, under Xvfb when there is no display, it must show the Desk's page under
// its own name, and a screenshot is kept in test-results/. Where there is no binary the
// test fails saying so: a stand-in could not prove that the window opens. It is not part
// of `npm test` (no machine here has the binary); run it with `npm run test:window`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findElectron, sandboxArgs } from '../../scripts/start.mjs';

const REPO = path.resolve(__dirname, '../..');
const SCREENSHOT = path.join(REPO, 'test-results', 'start-window.png');

const electron = findElectron(REPO);
const hasXvfb = spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' }).status === 0;

function whyNot(): string | null {
  if (!electron.path) return `no real Electron binary on this machine: ${electron.reason}`;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !hasXvfb) return 'no display, and no Xvfb to make one (apt install xvfb)';
  return null;
}

let xvfb: ChildProcess | null = null;
let app: ElectronApplication | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  await app?.close().catch(() => {});
  app = null;
  if (xvfb?.pid && xvfb.exitCode === null) process.kill(xvfb.pid, 'SIGTERM');
  xvfb = null;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = null;
});

/** A display to open the window on: the session's own, or a fresh Xvfb. */
async function display(): Promise<Record<string, string>> {
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return {};
  const number = 90 + Math.floor(Math.random() * 9);
  xvfb = spawn('Xvfb', [`:${number}`, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await vi.waitFor(() => expect(existsSync(`/tmp/.X11-unix/X${number}`)).toBe(true), { timeout: 15_000, interval: 100 });
  return { DISPLAY: `:${number}` };
}

describe('the real desktop window', () => {
  it('opens on the app folder, as "Checkpoint Desk", and shows the Desk', async () => {
    const reason = whyNot();
    if (reason) throw new Error(`Cannot open the real window here: ${reason}.`);

    if (!existsSync(path.join(REPO, 'dist/electron/main.cjs')) || !existsSync(path.join(REPO, 'dist/renderer/index.html'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
      expect(build.status, build.stderr).toBe(0);
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'desk-window-'));
    const env = { ...process.env, ...(await display()) } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;

    app = await _electron.launch({
      executablePath: electron.path!,
      args: [...sandboxArgs(), REPO, '--data-dir', dataDir],
      env,
      timeout: 60_000,
    });
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getName())).toBe('Checkpoint Desk');
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toMatch(/Checkpoint Desk$/);

    const page = await app.firstWindow();
    expect(page.url()).toBe('app://desk/index.html');
    await page.waitForSelector('#root > *', { timeout: 30_000 });
    // The preload loaded: the page talks to the service over IPC, not HTTP.
    expect(await page.evaluate(() => typeof (window as unknown as { desk?: unknown }).desk)).toBe('object');
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 300_000);
});
