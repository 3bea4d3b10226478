// The Desk in Chromium as a normal user runs it: the headless shell as that user with
// --privilege sudo, the service in the privileged helper, one sudoers line naming the
// built helper only. Its own shell and data dir, set up here and undone in afterAll.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sudoersLine } from '../../electron/helper/launch';
import { deleteAll } from '../support/sandboxes';
import {
  apiCall,
  buildHelper,
  ensureUser,
  installSudoers,
  notOwnedBy,
  removeSudoers,
  removeUser,
  serveAsUser,
  userDataDir,
  type NormalUser,
  type ServeAsUser,
} from '../support/normal-user';

const TOKEN = 'e2e-normal-user-0123456789';
const USER = 'deskuser';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png` });

test.describe.configure({ mode: 'serial' });

let user: NormalUser | undefined;
let shell: ServeAsUser | undefined;
let dataDir = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const helper = buildHelper();
  user = ensureUser(USER);
  installSudoers(sudoersLine(helper, USER));
  dataDir = userDataDir(user);
  shell = await serveAsUser(user, ['--privilege', 'sudo', '--data-dir', dataDir, '--port', '0', '--token', TOKEN]);
});

test.afterAll(async () => {
  await shell?.stop();
  if (dataDir) {
    deleteAll(join(dataDir, 'root'));
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
  removeSudoers();
  if (user) removeUser(user);
});

test('as a normal user: sample, leave-running checkpoint, complete image, restore, delete, the whole history', async ({ page }) => {
  const call = <T>(method: string, body: unknown = {}) => apiCall<T>(shell!.origin, TOKEN, method, body);
  await page.goto(`${shell!.origin}/#token=${TOKEN}`);
  // The header follows the overview, which probes every runsc on the machine: on a busy
  // 2-core machine beside Chromium's first paint that has taken over 5 s.
  await expect(page.getByText('privilege', { exact: false }).first()).toBeVisible({ timeout: 15_000 });
  // The person is not root: the header says who runs runsc.
  await expect(page.getByTestId('app-header')).toContainText('runsc as root, through the helper');
  const { id } = await call<{ id: string }>('startDemo', { id: 'nu-sample' });

  const row = page.locator(`tr[data-testid="container-row"][data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', 'running');
  await row.getByRole('button', { name: 'Checkpoint' }).click();
  const dialog = page.getByRole('dialog', { name: /^Checkpoint / });
  await dialog.getByLabel('Leave running').check();
  await dialog.getByRole('button', { name: 'Checkpoint', exact: true }).click();
  await expect(dialog.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
  await shot(page, 'normal-user-checkpoint');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Images' }).click();
  const image = page.locator('tr[data-testid="image-row"][data-state="complete"]').filter({ hasText: id }).first();
  await expect(image).toBeVisible();
  await image.click();
  const details = page.getByTestId('image-details');
  await details.getByRole('button', { name: 'Restore' }).click();
  const restore = page.getByRole('dialog', { name: /^Restore/ });
  await restore.getByLabel('Container id').fill('nu-restored');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await shot(page, 'normal-user-restore');

  const images = await call<{ images: { path: string; state: string }[] }>('listImages');
  const imagePath = images.images.find((i) => i.state === 'complete')!.path;
  await call('deleteImage', { path: imagePath });

  await page.reload();
  await page.getByRole('button', { name: 'Jobs', exact: true }).click();
  await expect(page.locator('tr[data-testid="job-row"][data-status="succeeded"]')).toHaveCount(2);
  await expect(page.locator('tr[data-testid="job-row"]:not([data-status="succeeded"])')).toHaveCount(0);
  await shot(page, 'normal-user-jobs');

  expect(shell!.output()).not.toMatch(/EACCES|permission denied/i);
  // runsc's own state under <data dir>/root stays root's; everything else is the person's.
  const foreign = notOwnedBy(dataDir, user!.uid).filter((line) => !line.includes(`${join(dataDir, 'root')}/`) && !line.endsWith(join(dataDir, 'root')));
  expect(foreign).toEqual([]);
  expect(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()).toBe(String(user!.uid));
});
