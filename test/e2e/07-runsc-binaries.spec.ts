// Several runsc binaries, as a new user meets them (issue 12): add the backported runsc
// in Settings, see both side by side on the Runtime page, and a path that is not runsc
// refused at the field in its own words. Screenshots to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { busyboxBundle, runSandbox } from '../support/real-runsc';
import { call, openDesk } from './api';

test.describe.configure({ mode: 'serial' });

const CURRENT = process.env.RUNSC_CURRENT ?? '/opt/runsc-20240729/usr/bin/runsc';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function openView(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

const ID = 'e2e-bound-2024';
let boundRoot: string | null = null;

test.afterAll(async ({ request }) => {
  // Leave the Desk as the other specs found it: no sandbox, no root, no added binary.
  if (boundRoot) {
    try {
      execFileSync(CURRENT, [`--root=${boundRoot}`, 'delete', '--force', ID], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Not started, or already gone.
    }
    await call(request, 'removeRoot', { path: boundRoot }).catch(() => undefined);
  }
  await call(request, 'updateSettings', { runscBinaries: [] });
});

test('a path that is not runsc is refused at the field, with what it printed', async ({ page }) => {
  await page.goto(openDesk);
  await openView(page, 'Settings');
  const field = page.getByLabel('Add runsc binary');
  await field.fill('/bin/true');
  await page.getByTestId('runsc-binaries-form').getByRole('button', { name: 'Add' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('runsc-binaries-form').getByRole('alert')).toContainText('/bin/true is not a runsc the Desk can use');
  await page.getByTestId('runsc-binaries-form').scrollIntoViewIfNeeded();
  await shot(page, 'settings-runsc-refused');
});

test('the backported runsc, added in Settings, shows beside the system one', async ({ page }) => {
  // A required part, like Chromium: .ci/run unpacks it; missing, the test fails saying how to get it.
  expect(existsSync(CURRENT), `no runsc 0.0~20240729.0 at ${CURRENT}: run scripts/ci/install-runsc-current.sh`).toBe(true);
  await page.goto(openDesk);
  await openView(page, 'Settings');
  await page.getByLabel('Add runsc binary').fill(CURRENT);
  await page.getByTestId('runsc-binaries-form').getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('added-runsc')).toContainText('runsc 0.0~20240729.0');
  await expect(page.getByLabel('Add runsc binary')).toHaveValue('');
  await shot(page, 'settings-runsc-added');

  await openView(page, 'Runtime');
  const cards = page.getByTestId('runsc-binaries').getByTestId('runsc-binary');
  await expect(cards.filter({ hasText: '0.0~20240729.0' })).toHaveCount(1);
  await expect(cards.filter({ hasText: '0.0~20221219.0' })).toHaveCount(1);
  await expect(cards.filter({ hasText: '0.0~20240729.0' })).toContainText('--compression');
  await page.getByTestId('runsc-binaries').scrollIntoViewIfNeeded();
  await shot(page, 'runtime-runsc-binaries');
});

test('a root bound to the 2024 runsc: Fastest or Smallest, and the restore names its runsc', async ({ page, request }) => {
  // A required part, like Chromium: .ci/run unpacks it; missing, the test fails saying how to get it.
  expect(existsSync(CURRENT), `no runsc 0.0~20240729.0 at ${CURRENT}: run scripts/ci/install-runsc-current.sh`).toBe(true);
  const overview = await call<{ dataDir: string }>(request, 'getOverview');
  boundRoot = join(overview.dataDir, 'root-2024');
  mkdirSync(boundRoot, { recursive: true, mode: 0o700 });
  await call(request, 'addRoot', { path: boundRoot, globalFlags: ['--network=none'], runsc: CURRENT });
  runSandbox(boundRoot, busyboxBundle(join(overview.dataDir, 'bundle-2024')), ID, ['--network=none'], CURRENT);

  await page.goto(openDesk);
  const row = page.locator(`tr[data-testid="container-row"][data-id="${ID}"]`);
  await expect(row).toHaveAttribute('data-status', 'running');
  await row.getByRole('button', { name: 'Checkpoint' }).click();
  const dialog = page.getByRole('dialog', { name: `Checkpoint ${ID}` });
  const choice = dialog.getByTestId('speed-choice');
  await expect(choice.getByTestId('speed-option')).toHaveCount(2);
  await expect(choice.getByTestId('speed-reason')).toContainText(/Fastest|Smallest/);
  await expect(dialog.getByTestId('command-preview')).toContainText(CURRENT);
  await shot(page, 'checkpoint-speed-choice');
  await choice.getByRole('radio', { name: /Fastest/ }).check();
  await expect(dialog.getByTestId('command-preview')).toContainText('--compression=none');
  await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await page.keyboard.press('Escape');

  await openView(page, 'Images');
  await page.locator('tr[data-testid="image-row"][data-state="complete"]').filter({ hasText: ID }).first().click();
  await page.getByTestId('image-details').getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('dialog', { name: /^Restore/ });
  await expect(restore.getByTestId('restore-runsc')).toContainText(`Restores with ${CURRENT}`);
  await expect(restore.getByLabel('runsc')).toBeVisible();
  await shot(page, 'restore-runsc');
  // The system runsc is another version: refused before anything runs, with the override offered.
  await restore.getByLabel('runsc').selectOption('/usr/bin/runsc');
  await expect(restore.locator('[data-testid="plan-problem"][data-code="RUNSC_MISMATCH"]')).toBeVisible();
  await expect(restore.getByTestId('allow-mismatch')).toBeVisible();
  await shot(page, 'restore-runsc-mismatch');
  await page.keyboard.press('Escape');
});
