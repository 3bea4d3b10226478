// A remote host's probe runs every call in one process (one ssh session there) and reads
// the same capabilities as a call per process; a binary that fails a call still fails it.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { probeRunsc } from '../../../electron/desk/runsc/probe';

const STANDIN = join(__dirname, '../../support/runsc-current.mjs');

/** This machine under another name, counting its runs. */
function namedHost(name: string): { host: Host; runs: () => number } {
  const local = new LocalHost();
  let runs = 0;
  const host = Object.create(local) as Host & { name: string };
  Object.defineProperty(host, 'name', { value: name });
  host.run = (request) => (runs++, local.run(request));
  return { host, runs: () => runs };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each probe runs the stand-in a dozen times: slow on a busy machine.
describe('the probe on a remote host', { timeout: 60_000 }, () => {
  it('runs once, and reads what a call per process reads', async () => {
    const remote = namedHost('gpu-b');
    const local = namedHost('local');
    const [batched, each] = await Promise.all([probeRunsc(remote.host, STANDIN), probeRunsc(local.host, STANDIN)]);
    expect(remote.runs()).toBe(1);
    expect(local.runs()).toBeGreaterThan(10);
    expect(batched).toEqual(each);
    expect(batched.subcommands.checkpoint!.length).toBeGreaterThan(0);
  });

  it('fails as a call per process does when one help call fails, with what it printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-probe-'));
    dirs.push(dir);
    const broken = join(dir, 'runsc');
    // runsc's version and flags, and a `help restore` that fails.
    writeFileSync(broken, `#!/bin/sh\nif [ "$1" = help ] && [ "$2" = restore ]; then echo "no help for you" >&2; exit 3; fi\nexec ${process.execPath} ${STANDIN} "$@"\n`);
    chmodSync(broken, 0o755);
    const error = await probeRunsc(namedHost('gpu-c').host, broken).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RUNSC_MISSING', details: { exitCode: 3, argv: [broken, 'help', 'restore'] } });
    expect((error as Error).message).toContain('`help restore`');
    expect(JSON.stringify((error as { details: unknown }).details)).toContain('no help for you');
  });
});
