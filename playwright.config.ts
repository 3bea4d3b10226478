import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// One fresh data dir per run, shared by the server and the teardown that deletes its sandboxes.
const dataDir = process.env.DESK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'desk-e2e-'));
process.env.DESK_E2E_DATA_DIR = dataDir;
export const E2E_PORT = 7417;
export const E2E_TOKEN = 'e2e-token-0123456789';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './test/e2e/global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      // Debian's Chromium; Playwright's own browsers cannot be downloaded here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    // The shell as root, on the webServer below.
    { name: 'root', testIgnore: /04-normal-user\.spec\.ts$/ },
    // The shell as a normal user with --privilege sudo; the spec starts its own shell as that user.
    { name: 'normal-user', testMatch: /04-normal-user\.spec\.ts$/ },
  ],
  webServer: {
    command: `node --import tsx electron/serve.ts --port ${E2E_PORT} --token ${E2E_TOKEN} --data-dir ${dataDir}`,
    // Ready once it answers; without a token that answer is a 401, which Playwright accepts.
    url: `http://127.0.0.1:${E2E_PORT}/api/getOverview`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
