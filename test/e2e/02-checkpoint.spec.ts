import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { call, openDesk } from './api';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

test.describe.configure({ mode: 'serial' });

let small: string | null = null;
test.afterAll(() => {
  if (small) execFileSync('umount', [small]);
});

test('checkpoint the sample sandbox from the dialog: preview, live log, success, and the job in Jobs', async ({ page, request }) => {
  const overview = await call<{ dataDir: string }>(request, 'getOverview');
  const { id } = await call<{ id: string }>(request, 'startDemo', { id: 'e2e-ck' });
  await page.goto(openDesk);
  const row = page.locator(`tr[data-testid="container-row"][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', 'running');
  await row.getByRole('button', { name: 'Checkpoint' }).click();

  const dialog = page.getByRole('dialog', { name: /^Checkpoint / });
  await expect(dialog).toBeVisible();
  const preview = dialog.getByTestId('command-preview');
  await expect(preview).toContainText(`checkpoint --image-path=${overview.dataDir}/images/${id}/`);
  await expect(preview).toContainText(`-- ${id}`);
  // Compression is explained before submitting, not refused after: folded with the other options this runsc lacks.
  await dialog.getByTestId('unsupported-options').locator('summary').click();
  await expect(dialog.getByLabel('Compression')).toBeDisabled();
  await expect(dialog).toContainText('Not in runsc 0.0~20221219.0');
  // A runc/CRIU habit is explained in place.
  await dialog.getByRole('button', { name: 'Advanced: extra flags' }).click();
  await dialog.getByLabel('Extra flags').fill('--work-dir /tmp/x');
  const problem = dialog.locator('[data-testid="plan-problem"][data-field="extraFlags.0"]');
  await expect(problem).toContainText('--work-path');
  await expect(dialog.getByRole('button', { name: 'Checkpoint', exact: true })).toBeDisabled();
  await shot(page, 'checkpoint-dialog-problem');
  await dialog.getByLabel('Extra flags').fill('');
  await expect(problem).toBeHidden();
  await shot(page, 'checkpoint-dialog');

  await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
  const status = dialog.getByTestId('job-status');
  await expect(status).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  const log = dialog.getByTestId('log-panel');
  await expect(log.locator('[data-testid="log-line"]').filter({ hasText: 'checkpoint --image-path=' }).first()).toBeVisible();
  await expect(log.locator('[data-testid="log-line"]').filter({ hasText: 'Wrote ' }).first()).toBeVisible();
  await shot(page, 'checkpoint-live-log');
  await dialog.getByRole('button', { name: 'Open in Jobs' }).click();

  const jobRow = page.locator('tr[data-testid="job-row"][data-status="succeeded"]').filter({ hasText: `Checkpoint ${id}` });
  await expect(jobRow).toHaveCount(1);
  // Open in Jobs lands on the job itself, details open.
  await expect(page.getByTestId('job-details')).toContainText('Write the image record');
  await shot(page, 'jobs-succeeded');
});

test('a forced failure (a full disk) shows runsc\'s own words, the diagnosis and what to do', async ({ page, request }) => {
  small = mkdtempSync(join(tmpdir(), 'desk-e2e-small-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', small]);
  mkdirSync(join(small, 'unused'));
  const { id } = await call<{ id: string }>(request, 'startDemo', { id: 'e2e-full' });
  await page.goto(openDesk);
  const row = page.locator(`tr[data-testid="container-row"][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', 'running');
  await row.getByRole('button', { name: 'Checkpoint' }).click();
  const dialog = page.getByRole('dialog', { name: /^Checkpoint / });
  await dialog.getByLabel('Image path').fill(join(small, 'image'));
  await expect(dialog.getByTestId('command-preview')).toContainText(join(small, 'image'));
  await expect(dialog).toContainText('may not fit');
  // A warning that predicts failure holds Checkpoint until the person goes ahead anyway.
  await expect(dialog.getByRole('button', { name: 'Checkpoint', exact: true })).toBeDisabled();
  await dialog.getByTestId('space-confirm').getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  const diagnosis = dialog.getByTestId('diagnosis');
  await expect(diagnosis).toContainText('The disk is full');
  await expect(diagnosis).toContainText('no space left on device');
  await expect(diagnosis).toContainText('Free space under the image path');
  await shot(page, 'checkpoint-failed-dialog');
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

  // The notice stays until dismissed, and leads to the job.
  const notice = page.getByTestId('notice').filter({ hasText: id });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Open job' }).click();
  const details = page.getByTestId('job-details');
  await expect(details.getByTestId('diagnosis')).toContainText('The disk is full');
  await expect(details.locator('[data-testid="job-step"][data-step="runsc"]')).toContainText('128');
  await page.getByRole('button', { name: /Failed/ }).first().click();
  await expect(page.locator('tr[data-testid="job-row"]').filter({ hasText: `Checkpoint ${id}` })).toHaveAttribute('data-status', 'failed');
  await shot(page, 'jobs-failed');
});
