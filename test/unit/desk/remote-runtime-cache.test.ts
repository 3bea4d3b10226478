// A remote host's runsc is located and probed, then kept (REMOTE_FACTS): fresh for a few
// seconds, then refreshed behind the caller's back, never answered older than the maximum
// age; this machine's is asked afresh; a runsc that cannot be used is never kept.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { REMOTE_FACTS } from '../../../electron/desk/revalidating';
import { RuntimeService } from '../../../electron/desk/services/runtime-service';
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

// The first call of each host probes the stand-in: a dozen node processes, slow on a busy machine.
describe('RuntimeService on a remote host', { timeout: 60_000 }, () => {
  it('keeps the located and probed runsc while fresh, then answers it while it looks again', async () => {
    // The clock stands still unless moved: a slow first probe must not age the answer.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    const { host, calls } = countingHost('gpu-a');
    const runtime = new RuntimeService(host, settings(STANDIN));
    const first = await runtime.current();
    expect(first.client).not.toBeNull();
    const once = calls();
    expect(once).toBeGreaterThan(0);
    expect(await runtime.current()).toBe(first);
    expect(calls()).toBe(once);
    // Stale: answered at once, and looked for again behind the caller's back.
    vi.spyOn(Date, 'now').mockReturnValue(now + REMOTE_FACTS.freshMs + 1);
    expect(await runtime.current()).toBe(first);
    await vi.waitFor(() => expect(calls()).toBe(2 * once));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const refreshed = await runtime.current();
    expect(refreshed).not.toBe(first);
    expect(refreshed.info.version).toBe(first.info.version);
    expect(calls()).toBe(2 * once);
    // Too old to answer: the call waits for a new one.
    vi.spyOn(Date, 'now').mockReturnValue(now + REMOTE_FACTS.freshMs + REMOTE_FACTS.maxAgeMs + 2);
    const later = await runtime.current();
    expect(later).not.toBe(refreshed);
    expect(calls()).toBe(3 * once);
  });

  it('locates and checks the probe in one stat and one execute check, the probe run once', async () => {
    const { host, calls } = countingHost('gpu-a');
    await new RuntimeService(host, settings(STANDIN)).current();
    // One path: its stat and its execute check, and no second stat for the probe's key.
    expect(calls()).toBe(2);
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
