// 6. Start-up: the headless shell from launch to its first listContainers answer, the
// renderer's first container list painted in Chromium, and the gzipped bundle.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { median, spread, type Figure } from './lib';
import { CHROMIUM_ARGS } from './chromium';

const REPO = join(import.meta.dirname, '..');

export async function startShell(dataDir: string, port: number, token: string, env: NodeJS.ProcessEnv = {}) {
  const started = performance.now();
  // One process (no tsx wrapper), so its pid is the service's own.
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron', 'serve.ts'), '--port', String(port), '--token', token, '--data-dir', dataDir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const origin = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the headless shell exited');
    try {
      const res = await fetch(`${origin}/api/listContainers`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { child, origin, readyMs: performance.now() - started, stop: () => child.kill('SIGTERM') };
}

export async function benchStartup(work: string, rounds = 5): Promise<Figure[]> {
  const shellTimes: number[] = [];
  const paintTimes: number[] = [];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (let r = 0; r < rounds; r++) {
      const token = `bench-${r}`;
      const shell = await startShell(join(work, `startup-${r}`), 7460 + r, token);
      shellTimes.push(shell.readyMs);
      try {
        const page = await browser.newPage();
        await page.goto(`${shell.origin}/?token=${token}#token=${token}`);
        // The first screen is the containers list: its roots, its empty state, or the broken-runtime card.
        await page.waitForSelector('[data-testid="root-section"], [data-testid="container-row"], .empty-state, [data-testid="broken-runtime"]');
        // From navigation start to the list (or its empty state) on screen.
        paintTimes.push(await page.evaluate(() => performance.now()));
        await page.close();
      } finally {
        // A shell whose page never painted is stopped too, not left running.
        shell.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const assets = join(REPO, 'dist', 'renderer', 'assets');
  const gz = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)).reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);
  const paint = median(paintTimes);
  return [
    { name: 'headless shell: launch → first listContainers', value: median(shellTimes), unit: 'ms', spread: spread(shellTimes) },
    { name: 'renderer: navigation → first list painted', value: paint, unit: 'ms', spread: spread(paintTimes), bar: '≤ 1500 ms', met: paint <= 1500 },
    { name: 'renderer bundle, gzipped (JS + CSS)', value: Math.round(gz / 1024), unit: 'KiB', bar: '≤ 400 KiB', met: gz <= 400 * 1024 },
  ];
}
