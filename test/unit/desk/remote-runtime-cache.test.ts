// A remote host's runsc is located and probed once per REMOTE_RUNTIME_TTL_MS, not before
// every call (three ssh round trips each); this machine's is asked afresh; a runsc that
// cannot be used is never kept.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { REMOTE_RUNTIME_TTL_MS, RuntimeService } from '../../../electron/desk/services/runtime-service';
import type { SettingsStore } from '../../../electron/desk/settings';

const STANDIN = join(__dirname, '../../support/runsc-current.mjs');

/** This machine under another name, counting the file calls that would be ssh round trips. */
function countingHost(name: string): { host: Host; calls: () => number } {
  const local = new LocalHost();
  let n = 0;
  const host = Object.create(local) as Host & { name: string };
  Object.defineProperty(host, 'name', { value: name });
  host.stat = (...args: Parameters<Host['stat']>) => (n++, local.stat(...args));
  host.access = (...args: Parameters<Host['access']>) => (n++, local.access(...args));
  return { host, calls: () => n };
}

const settings = (runscPath: string) => ({ get: () => ({ runscPath, privilege: 'none' }) }) as unknown as SettingsStore;

afterEach(() => vi.restoreAllMocks());

describe('RuntimeService on a remote host', () => {
  it('keeps the located and probed runsc for the TTL, then locates it again', async () => {
    const { host, calls } = countingHost('gpu-a');
    const runtime = new RuntimeService(host, settings(STANDIN));
    const first = await runtime.current();
    expect(first.client).not.toBeNull();
    const once = calls();
    expect(once).toBeGreaterThan(0);
    expect(await runtime.current()).toBe(first);
    expect(await runtime.forPath(STANDIN)).toBe(first);
    expect(calls()).toBe(once);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + REMOTE_RUNTIME_TTL_MS + 1);
    const later = await runtime.current();
    expect(later).not.toBe(first);
    expect(later.info.version).toBe(first.info.version);
    expect(calls()).toBeGreaterThan(once);
  });

  it('never keeps a runsc that cannot be used: the next call looks again', async () => {
    const { host, calls } = countingHost('gpu-a');
    const runtime = new RuntimeService(host, settings('/nonexistent/runsc'));
    expect((await runtime.current()).client).toBeNull();
    const once = calls();
    expect((await runtime.current()).client).toBeNull();
    expect(calls()).toBe(2 * once);
  });

  it('asks afresh on this machine, where a stat costs nothing', async () => {
    const { host, calls } = countingHost('local');
    const runtime = new RuntimeService(host, settings(STANDIN));
    await runtime.current();
    const once = calls();
    await runtime.current();
    expect(calls()).toBe(2 * once);
  });
});
