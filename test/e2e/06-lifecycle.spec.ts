// The life of a container as a new user meets it: a plain checkpoint says it will stop;
// the stopped row offers Restore, which brings back the same id, counter continuing; a
// checkpoint into a full disk says the container ended and restores it in one click; a
// job link opens that job in a new page; Back goes back. Only the Desk's own root is
// assumed: the host may hold other roots and Docker containers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { call, openDesk } from './api';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });
const ID = 'e2e-life';

test.describe.configure({ mode: 'serial' });

let deskRoot = '';
let small: string | null = null;
let failedJobId = '';
const counter = () => Number(execFileSync('runsc', [`--root=${deskRoot}`, 'exec', ID, '/bin/busybox', 'cat', '/tmp/counter'], { encoding: 'utf8', timeout: 20_000 }).trim());
const deskSection = (page: Page) => page.locator(`section[data-testid="root-section"][data-root="${deskRoot}"]`);
const row = (page: Page) => deskSection(page).locator(`tr[data-testid="container-row"][data-id="${ID}"]`);

test.beforeAll(async ({ request }) => {
  const overview = await call<{ dataDir: string }>(request, 'getOverview');
  deskRoot = join(overview.dataDir, 'root');
  await call(request, 'startDemo', { id: ID });
});
test.afterAll(() => {
  if (small) execFileSync('umount', [small]);
});

test('a plain checkpoint says it will stop; the stopped row offers Restore, which brings back the same id, counter continuing', async ({ page }) => {
  await page.goto(openDesk);
  await expect(row(page)).toHaveAttribute('data-status', 'running');
  await expect.poll(counter, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await row(page).getByRole('button', { name: 'Checkpoint' }).click();
  const dialog = page.getByRole('dialog', { name: /^Checkpoint / });
  await expect(dialog.getByTestId('will-stop')).toContainText(`${ID} will stop`);
  // The default image path is a real value, not a grey placeholder.
  await expect(dialog.getByLabel('Image path')).toHaveValue(new RegExp(`/images/${ID}/`));
  await expect(dialog.getByTestId('unsupported-options')).toContainText(/options? needs? a newer runsc/);
  await shot(page, '06-checkpoint-will-stop');
  const before = counter();
  await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

  await expect(row(page)).toHaveAttribute('data-status', 'stopped', { timeout: 15_000 });
  await expect(row(page).getByRole('button', { name: 'Restore' })).toBeVisible();
  await expect(row(page).getByRole('button', { name: 'Delete' })).toBeVisible();
  await row(page).click();
  const details = page.getByTestId('container-details');
  await expect(details.getByTestId('not-running')).toContainText('Not running');
  await expect(details).not.toContainText('RUNSC_FAILED');
  await expect(details.getByRole('button', { name: /Stop|Kill/ })).toHaveCount(0);
  await shot(page, '06-stopped-row');
  await details.getByRole('button', { name: 'Close details' }).click();

  await row(page).getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('dialog', { name: /^Restore/ });
  await expect(restore.getByTestId('in-place')).toContainText(`${ID} is stopped`);
  await expect(restore.getByLabel('Container id')).toHaveValue(ID);
  await expect(restore.getByTestId('command-preview')).toContainText(`-- ${ID}`);
  await shot(page, '06-restore-in-place');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await restore.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(row(page)).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
  await expect(deskSection(page).locator('tr[data-testid="container-row"]').filter({ hasText: `restored-${ID}` })).toHaveCount(0);
  const after = counter();
  expect(after).toBeGreaterThanOrEqual(before);
  expect(after).toBeLessThan(before + 8);
  await shot(page, '06-restored-same-id');
});

test('a checkpoint into a full disk asks first, then says the container ended, and one click restores it', async ({ page }) => {
  small = mkdtempSync(join(tmpdir(), 'desk-e2e-life-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', small]);
  mkdirSync(join(small, 'unused'));
  await page.goto(openDesk);
  await expect(row(page)).toHaveAttribute('data-status', 'running');
  await row(page).getByRole('button', { name: 'Checkpoint' }).click();
  const dialog = page.getByRole('dialog', { name: /^Checkpoint / });
  await dialog.getByLabel('Image path').fill(join(small, 'image'));
  await expect(dialog.getByTestId('command-preview')).toContainText(join(small, 'image'));
  const confirm = dialog.getByTestId('space-confirm');
  await expect(confirm).toContainText('may not fit');
  const submit = dialog.getByRole('button', { name: 'Checkpoint', exact: true });
  await expect(submit).toBeDisabled();
  await shot(page, '06-space-confirm');
  // Disabled controls stay distinct from enabled ones in the dark scheme too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await dialog.getByTestId('unsupported-options').locator('summary').click();
  await shot(page, '06-space-confirm-dark');
  await dialog.getByTestId('unsupported-options').locator('summary').click();
  await page.emulateMedia({ colorScheme: 'light' });
  await confirm.getByRole('checkbox').check();
  await expect(submit).toBeEnabled();
  await submit.click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  const ended = dialog.getByTestId('ended-container');
  await expect(ended).toContainText(`${ID} is no longer running`, { timeout: 15_000 });
  await expect(ended).toContainText('its last good image is');
  await expect(dialog.getByRole('button', { name: 'Try again' })).toBeVisible();
  await shot(page, '06-ended-container');
  await dialog.getByRole('button', { name: 'Open in Jobs' }).click();
  await expect(page).toHaveURL(/#\/jobs\/[a-z0-9-]+$/);
  failedJobId = decodeURIComponent(page.url().split('#/jobs/')[1]!);
  await page.goBack();
  await expect(page).toHaveURL(/#\/containers$/);

  await row(page).click();
  await page.getByTestId('container-details').getByRole('button', { name: 'Restore', exact: true }).click();
  const restore = page.getByRole('dialog', { name: /^Restore/ });
  await expect(restore.getByLabel('Container id')).toHaveValue(ID);
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await restore.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(row(page)).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
});

test('a job link opens that job in a new page; reload stays; Back returns to the previous view', async ({ page, context }) => {
  expect(failedJobId).not.toBe('');
  const linked = await context.newPage();
  await linked.goto(`/?token=${E2E_TOKEN}#/jobs/${failedJobId}`);
  const details = linked.getByTestId('job-details');
  await expect(details).toBeVisible();
  await expect(details).toContainText(`Checkpoint ${ID}`);
  await expect(linked).toHaveURL(new RegExp(`#/jobs/${failedJobId}$`));
  await linked.reload();
  await expect(linked.getByTestId('job-details')).toContainText(`Checkpoint ${ID}`);
  await shot(linked, '06-job-link');
  await linked.close();

  await page.goto(openDesk);
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Images' }).click();
  await expect(page).toHaveURL(/#\/images$/);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(/#\/jobs$/);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
  await shot(page, '06-back');
});
