// The client against a fake helper (a tiny node script speaking the same protocol).
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HelperClient } from '../../../electron/helper/helper-client';
import type { HelperLaunch } from '../../../electron/helper/launch';

const FAKE = join(__dirname, 'fake-helper.cjs');
chmodSync(FAKE, 0o755);

const clients: HelperClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
});

function fake(extra: string[] = [], mode: HelperLaunch['mode'] = 'sudo') {
  const dir = mkdtempSync(join(tmpdir(), 'desk-fake-'));
  const starts = join(dir, 'starts');
  const log = join(dir, 'log');
  writeFileSync(starts, '');
  writeFileSync(log, '');
  process.env.FAKE_HELPER_STARTS = starts;
  process.env.FAKE_HELPER_LOG = log;
  const launch: HelperLaunch = { mode, command: process.execPath, args: [FAKE, ...extra], helperPath: '/opt/desk/desk-helper.cjs' };
  const client = new HelperClient(launch, { dataDir: dir, restartDelayMs: 50, log: () => {} });
  clients.push(client);
  return {
    client,
    desk: client.asService(),
    starts: () => readFileSync(starts, 'utf8').split('\n').filter(Boolean).map(Number),
    log: () => readFileSync(log, 'utf8'),
  };
}

describe('the helper client', () => {
  it('forwards a call and answers its result; a DeskError keeps its code and details', async () => {
    const { desk } = fake();
    await expect(desk.getSettings({})).resolves.toMatchObject({ echo: {} });
    await expect(desk.getJob({ jobId: 'j-1' })).rejects.toMatchObject({ name: 'DeskError', code: 'NOT_FOUND', details: { field: 'jobId' } });
    expect(desk.dataDir).toMatch(/desk-fake-/);
  });

  it('waits for the ready line before the first call', async () => {
    const { desk, starts } = fake(['--slow-ready']);
    const [a, b] = await Promise.all([desk.getSettings({}), desk.getSettings({})]);
    expect((a as unknown as { pid: number }).pid).toBe((b as unknown as { pid: number }).pid);
    expect(starts()).toHaveLength(1);
  });

  it('delivers events only while someone listens, and unsubscribes after the last one leaves', async () => {
    const { desk, log } = fake();
    await desk.getSettings({});
    const seen: unknown[] = [];
    const off = desk.on('job:update', (p) => seen.push(p));
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([{ hello: 'job:update' }]);
    off();
    await waitFor(() => log().includes('unsubscribe job:update'));
  });

  it('a helper that dies mid-call: the call fails saying so, and the next call starts a new helper', async () => {
    const { desk, starts } = fake();
    await desk.getSettings({});
    await expect(desk.deleteImage({ path: '/i' })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('interrupted') });
    const again = (await desk.getSettings({})) as unknown as { pid: number };
    expect(starts()).toHaveLength(2);
    expect(again.pid).toBe(starts()[1]);
  });

  it('a read that met a dying helper is asked again of a new one; a change is not', async () => {
    const { desk, starts } = fake();
    const images = (await desk.listImages({})) as unknown as { pid: number };
    expect(starts()).toHaveLength(2);
    expect(images.pid).toBe(starts()[1]);
    await expect(desk.deleteImage({ path: '/i' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(starts()).toHaveLength(2);
  });

  it('restarts a dead helper by itself while events are listened to, and subscribes again', async () => {
    const { desk, starts } = fake();
    const seen: unknown[] = [];
    desk.on('containers:changed', (p) => seen.push(p));
    await desk.getSettings({});
    await waitFor(() => seen.length === 1);
    await desk.deleteImage({ path: '/i' }).catch(() => {});
    await waitFor(() => starts().length === 2 && seen.length === 2);
  });

  it('sudo refusing: one clear error naming the sudoers line, and the next call tries again', async () => {
    const { desk, starts } = fake(['--sudo-refuses']);
    const error = await desk.getOverview({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FORBIDDEN', details: { sudoersLine: expect.stringMatching(/ ALL=\(root\) NOPASSWD: \/opt\/desk\/desk-helper\.cjs$/) } });
    expect((error as Error).message).toContain('NOPASSWD: /opt/desk/desk-helper.cjs');
    expect((error as Error).message).toContain('nothing was started');
    await expect(desk.getOverview({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(starts()).toHaveLength(2);
  });

  it('pkexec dismissed (exit 126): says so, and that the next call asks again', async () => {
    const { desk } = fake(['--exit', '126'], 'pkexec');
    await expect(desk.getOverview({})).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('dismissed') });
    await expect(desk.getOverview({})).rejects.toMatchObject({ message: expect.stringContaining('next call asks again') });
  });

  it('a launcher that is not installed is NOT_FOUND, naming the package', async () => {
    const client = new HelperClient({ mode: 'sudo', command: '/nonexistent/sudo', args: [], helperPath: '/x' }, { dataDir: '/tmp', log: () => {} });
    clients.push(client);
    await expect(client.start()).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('apt-get install sudo') });
  });

  it('close() closes the helper\'s stdin and it exits', async () => {
    const { client, desk, starts } = fake();
    await desk.getSettings({});
    const pid = starts()[0]!;
    await client.close();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(desk.getSettings({})).rejects.toMatchObject({ message: expect.stringContaining('closing') });
  });
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

