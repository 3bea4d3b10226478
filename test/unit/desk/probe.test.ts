// The probe runs every call from one process, on any host (one spawn here, one ssh session
// there), and reads what each call alone prints; a binary that fails a call still fails
// it, one that prints forever is cut, and the probe's private folder goes with it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { parseFlags, parseVersion } from '../../../electron/desk/runsc/help-parser';
import { PROBED_SUBCOMMANDS, probeRunsc } from '../../../electron/desk/runsc/probe';

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

/** What one call of the binary alone prints, stdout and stderr together. */
function alone(binary: string, args: string[]): string {
  return execFileSync('sh', ['-c', '"$@" 2>&1', 'sh', binary, ...args], { encoding: 'utf8' });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Each probe runs the stand-in a dozen times: slow on a busy machine.
describe('the probe', { timeout: 60_000 }, () => {
  it('runs once, on this machine as on a remote host, and reads what each call alone prints', async () => {
    const remote = namedHost('gpu-b');
    const local = namedHost('local');
    const [batched, here] = await Promise.all([probeRunsc(remote.host, STANDIN), probeRunsc(local.host, STANDIN)]);
    expect(remote.runs()).toBe(1);
    expect(local.runs()).toBe(1);
    expect(here).toEqual(batched);
    expect(batched).toMatchObject(parseVersion(alone(STANDIN, ['--version']))!);
    expect(batched.global).toEqual(parseFlags(alone(STANDIN, ['flags'])));
    for (const sub of PROBED_SUBCOMMANDS) expect(batched.subcommands[sub]).toEqual(parseFlags(alone(STANDIN, ['help', sub])));
    expect(batched.subcommands.checkpoint!.length).toBeGreaterThan(0);
  });

  it('keeps each call\'s output its own and in order when the calls finish out of order, and leaves no folder behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-probe-'));
    dirs.push(dir);
    const slow = join(dir, 'runsc');
    // `help checkpoint` answers last, after every other call has.
    writeFileSync(slow, `#!/bin/sh\nif [ "$1" = help ] && [ "$2" = checkpoint ]; then sleep 0.5; fi\nexec ${process.execPath} ${STANDIN} "$@"\n`);
    chmodSync(slow, 0o755);
    vi.stubEnv('TMPDIR', dir);
    try {
      const probed = await probeRunsc(namedHost('gpu-d').host, slow);
      expect(probed.subcommands.checkpoint).toEqual(parseFlags(alone(STANDIN, ['help', 'checkpoint'])));
      expect(probed.subcommands.restore).toEqual(parseFlags(alone(STANDIN, ['help', 'restore'])));
    } finally {
      vi.unstubAllEnvs();
    }
    expect(readdirSync(dir)).toEqual(['runsc']);
  });

  it('cuts a call that prints forever, and fails naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-probe-'));
    dirs.push(dir);
    const chatty = join(dir, 'runsc');
    writeFileSync(chatty, `#!/bin/sh\nif [ "$1" = flags ]; then exec yes flags; fi\nexec ${process.execPath} ${STANDIN} "$@"\n`);
    chmodSync(chatty, 0o755);
    const error = await probeRunsc(namedHost('gpu-e').host, chatty).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RUNSC_MISSING', details: { exitCode: 141, argv: [chatty, 'flags'] } });
    expect((error as Error).message).toContain('`flags`');
  });

  it('fails when one help call fails, naming it, with what it printed', async () => {
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
