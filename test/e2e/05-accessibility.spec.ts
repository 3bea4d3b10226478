// axe over every view and both dialogs, in light and in dark: 0 serious or critical
// violations. Also the keyboard path to a checkpoint, the theme override, and
// screenshots of the first screen, the Runtime page and the history chart to look at.
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { call, openDesk } from './api';

test.describe.configure({ mode: 'serial' });

const SCHEMES = ['light', 'dark'] as const;
const ID = 'e2e-a11y';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });

/** The serious and critical violations, one readable line each, so a failure says what and where. */
async function axeProblems(page: Page): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  // Contrast was measured, not left "incomplete" (light-dark() colours must resolve for axe).
  expect(passes.map((p) => p.id)).toContain('color-contrast');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function openView(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

async function waitJob(request: Parameters<typeof call>[0], jobId: string) {
  await expect.poll(async () => (await call<{ status: string }>(request, 'getJob', { jobId })).status, { timeout: 30_000 }).toBe('succeeded');
}

test('setup: a running sample with two checkpoints, for the history chart and both dialogs', async ({ request }) => {
  const overview = await call<{ dataDir: string }>(request, 'getOverview');
  const root = join(overview.dataDir, 'root');
  await call(request, 'startDemo', { id: ID });
  for (let i = 0; i < 2; i++) {
    const { jobId } = await call<{ jobId: string }>(request, 'checkpoint', { root, id: ID, leaveRunning: true });
    await waitJob(request, jobId);
  }
});

for (const scheme of SCHEMES) {
  test(`every view has no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(openDesk);
    const row = page.locator(`tr[data-testid="container-row"][data-id="${ID}"]`);
    await expect(row).toHaveAttribute('data-status', 'running');
    // Containers first: the row and its Checkpoint button, without scrolling.
    await expect(row.getByRole('button', { name: 'Checkpoint' })).toBeInViewport();
    await shot(page, `first-screen-${scheme}`);
    expect(await axeProblems(page)).toEqual([]);

    await row.click();
    const history = page.getByTestId('container-history');
    await expect(history.getByTestId('history-chart').locator('canvas').first()).toBeVisible();
    await history.scrollIntoViewIfNeeded();
    await shot(page, `history-chart-${scheme}`);
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');

    for (const view of ['Images', 'Jobs', 'Runtime', 'Settings']) {
      await openView(page, view);
      if (view === 'Runtime') await shot(page, `runtime-${scheme}`);
      expect(await axeProblems(page), view).toEqual([]);
    }
  });

  test(`both dialogs have no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(openDesk);
    const row = page.locator(`tr[data-testid="container-row"][data-id="${ID}"]`);
    await row.getByRole('button', { name: 'Checkpoint' }).click();
    const checkpoint = page.getByRole('dialog', { name: /^Checkpoint / });
    await expect(checkpoint.getByTestId('command-preview')).toContainText(`-- ${ID}`);
    expect(await axeProblems(page), 'checkpoint dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(checkpoint).toBeHidden();

    await openView(page, 'Images');
    await page.locator('tr[data-testid="image-row"][data-state="complete"]').filter({ hasText: ID }).first().click();
    await page.getByTestId('image-details').getByRole('button', { name: 'Restore' }).click();
    const restore = page.getByRole('dialog', { name: /^Restore/ });
    await expect(restore.getByTestId('command-preview')).toContainText('restore');
    expect(await axeProblems(page), 'restore dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(restore).toBeHidden();
  });
}

test('the keyboard alone opens the checkpoint dialog, with focus visible on the way', async ({ page }) => {
  await page.goto(openDesk);
  const button = page.locator(`tr[data-testid="container-row"][data-id="${ID}"]`).getByRole('button', { name: 'Checkpoint' });
  await expect(button).toBeVisible();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await button.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(button).toBeFocused();
  // A visible ring: the outline the :focus-visible rule draws.
  expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^Checkpoint / })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();
});

test('the theme override in Settings switches at once and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(openDesk);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await openView(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openView(page, 'Settings');
  await page.getByRole('radio', { name: 'System' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await background()).toBe(light);
});

test('the axe check can fail: a washed-out text colour is reported as serious', async ({ page }) => {
  await page.goto(openDesk);
  await expect(page.locator('tr[data-testid="container-row"]').first()).toBeVisible();
  // The list comes first; the muted words around it (the header's facts, the tasks) follow it.
  await expect(page.getByRole('banner')).toContainText('privilege');
  await expect(page.getByText('Nothing running.')).toBeVisible();
  await page.addStyleTag({ content: ':root { --muted: #c8c8c8 !important; }' });
  // Asked again until it answers: a check that ran while React swapped rows in can see none.
  await expect
    .poll(async () => (await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()).violations.map((v) => [v.id, v.impact]), { timeout: 15_000 })
    .toEqual([['color-contrast', 'serious']]);
});
