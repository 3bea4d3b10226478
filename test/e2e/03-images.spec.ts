import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { call, openDesk } from './api';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

test('the newest image restores in a few clicks, and the restored container runs on', async ({ page, request }) => {
  const overview = await call<{ dataDir: string }>(request, 'getOverview');
  const root = join(overview.dataDir, 'root');
  const { id } = await call<{ id: string }>(request, 'startDemo', { id: 'e2e-img' });
  await page.waitForTimeout(2500); // let the counter count
  const { jobId } = await call<{ jobId: string }>(request, 'checkpoint', { root, id });
  await expect.poll(async () => (await call<{ status: string }>(request, 'getJob', { jobId })).status).toBe('succeeded');

  await page.goto(openDesk);
  await page.getByRole('button', { name: 'Images' }).click();
  const row = page.locator('tr[data-testid="image-row"][data-state="complete"]').filter({ hasText: id }).first();
  await expect(row).toBeVisible();
  await shot(page, 'images-view');
  // The Desk's own folder now holds an image: drawn against its disk, with the numbers in words.
  const usage = page.getByTestId('image-dir').first().getByTestId('usage-chart');
  await expect(usage).toBeVisible();
  await expect(usage.locator('canvas')).toHaveCount(1);
  await expect(usage).toContainText(/Images here use .+; the disk has .+ free of .+\./);
  await usage.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/images-usage.png' });
  await row.click();
  const details = page.getByTestId('image-details');
  await expect(details).toContainText('checkpoint.img');
  await expect(details).toContainText('0.0~20221219.0');
  await shot(page, 'image-details');

  await details.getByRole('button', { name: 'Restore' }).click();
  const dialog = page.getByRole('dialog', { name: /^Restore/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('from the image record');
  await expect(dialog.getByTestId('command-preview')).toContainText(`restore --bundle=${join(overview.dataDir, 'demo', 'bundle')}`);
  // An id that runsc would confuse with the original is refused in place.
  await dialog.getByLabel('Container id').fill('e2e');
  await expect(dialog.locator('[data-testid="plan-problem"][data-field="id"]')).toBeVisible();
  await dialog.getByLabel('Container id').fill('copy-of-e2e-img');
  await expect(dialog.locator('[data-testid="plan-problem"]')).toHaveCount(0);
  await expect(dialog.getByTestId('command-preview')).toContainText('-- copy-of-e2e-img');
  await shot(page, 'restore-dialog');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Show container' }).click();

  const restored = page.locator('tr[data-testid="container-row"][data-id="copy-of-e2e-img"]');
  await expect(restored).toHaveAttribute('data-status', 'running');
  await shot(page, 'restored-running');
  // The counter continues from where it was, not from 0.
  const counter = Number(execFileSync('runsc', [`--root=${root}`, 'exec', 'copy-of-e2e-img', '/bin/busybox', 'cat', '/tmp/counter'], { encoding: 'utf8' }).trim());
  expect(counter).toBeGreaterThanOrEqual(2);
});
