import { expect, test, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test.describe.configure({ mode: 'serial' });

test('without the token the Desk answers 401 and shows nothing', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Checkpoint Desk needs its token' })).toBeVisible();
  const api = await page.request.post('/api/listContainers', { data: {} });
  expect(api.status()).toBe(401);
});

test('an empty dashboard starts a sample sandbox in one click', async ({ page }) => {
  // The URL the server prints: the token in the fragment.
  await page.goto(`/#token=${E2E_TOKEN}`);
  // Containers first: the runtime is one line on top, its details on their own page.
  await expect(page.getByTestId('app-header')).toContainText('0.0~20221219.0');
  const start = page.getByRole('button', { name: 'Start a sample sandbox' });
  await expect(start).toBeVisible();
  await shot(page, 'containers-empty');

  await start.click();
  const row = page.locator('tr[data-testid="container-row"][data-id="sample-1"]');
  await expect(row).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await expect(row).toContainText('running');
  await expect(row.getByRole('button', { name: 'Checkpoint' })).toBeInViewport();
  await shot(page, 'containers-running');

  await row.click();
  const details = page.getByTestId('container-details');
  await expect(details).toBeVisible();
  await expect(details).toContainText('busybox');
  await shot(page, 'container-details');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('settings show the roots and refuse a flag this runsc lacks, in place', async ({ page }) => {
  await page.goto(`/#token=${E2E_TOKEN}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Root path').fill('/tmp/desk-e2e-extra-root');
  await page.getByLabel('Global flags').fill('--tcp-established');
  await page.getByRole('button', { name: 'Add root' }).click();
  await expect(page.getByText('is not a global flag of runsc')).toBeVisible();
  await shot(page, 'settings-error');
});

test('the dark theme keeps the list legible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/#token=${E2E_TOKEN}`);
  await expect(page.locator('tr[data-testid="container-row"]').first()).toBeVisible();
  await shot(page, 'containers-dark');
});
