// Probes kept on disk between runs of the Desk: the next start reads what a binary can do
// without running it; a replaced binary, another Desk version's file or a damaged file
// means probing again.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../../shared/model';
import type { Host } from '../../../electron/desk/host/host';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { KeptProbes, probeKey } from '../../../electron/desk/runsc/kept-probes';
import { probeRunsc } from '../../../electron/desk/runsc/probe';

const STANDIN = join(__dirname, '../../support/runsc-current.mjs');
const CAPS: Capabilities = { version: 'release-20990101.0', global: [], subcommands: { checkpoint: [{ name: 'leave-running', type: 'bool', help: 'kept' }] } };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-kept-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** This machine, counting the processes it runs. */
function countingHost(): { host: Host; runs: () => number } {
  const local = new LocalHost();
  let runs = 0;
  const host = Object.create(local) as Host;
  host.run = (request) => (runs++, local.run(request));
  return { host, runs: () => runs };
}

/** A runsc of its own path (the in-memory cache is keyed by path too): the stand-in behind a script. */
function binary(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nexec ${process.execPath} ${STANDIN} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('kept probes', { timeout: 60_000 }, () => {
  it("answers from the file an earlier Desk wrote, without running the binary", async () => {
    const path = binary('runsc-a');
    const { host, runs } = countingHost();
    const file = join(dir, 'runsc-probes.json');
    await new KeptProbes(host, file, '1.0.0').set(probeKey(host, path, await host.stat(path)), CAPS);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ desk: '1.0.0' });
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');

    const caps = await probeRunsc(host, path, { kept: new KeptProbes(host, file, '1.0.0') });
    expect(caps).toEqual(CAPS);
    expect(runs()).toBe(0);
  });

  it('probes a replaced binary again, and keeps the new answer for the next start', async () => {
    const path = binary('runsc-b');
    const { host, runs } = countingHost();
    const file = join(dir, 'runsc-probes.json');
    await new KeptProbes(host, file, '1.0.0').set(probeKey(host, path, await host.stat(path)), CAPS);
    // The same path, another build: a new mtime.
    utimesSync(path, new Date(), new Date(Date.now() + 60_000));

    const kept = new KeptProbes(host, file, '1.0.0');
    const caps = await probeRunsc(host, path, { kept });
    expect(runs()).toBe(1);
    expect(caps.version).not.toBe(CAPS.version);
    await kept.set('flush', CAPS);
    expect(await new KeptProbes(host, file, '1.0.0').get(probeKey(host, path, await host.stat(path)))).toEqual(caps);
  });

  it("reads another Desk version's file, or a damaged one, as empty", async () => {
    const { host } = countingHost();
    const file = join(dir, 'runsc-probes.json');
    await new KeptProbes(host, file, '1.0.0').set('k', CAPS);
    expect(await new KeptProbes(host, file, '1.0.0').get('k')).toEqual(CAPS);
    expect(await new KeptProbes(host, file, '1.1.0').get('k')).toBeUndefined();
    writeFileSync(file, '{"desk":"1.0.0","probes":{"k":{"version":7}}}');
    expect(await new KeptProbes(host, file, '1.0.0').get('k')).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(await new KeptProbes(host, file, '1.0.0').get('k')).toBeUndefined();
    expect(await new KeptProbes(host, join(dir, 'missing.json'), '1.0.0').get('k')).toBeUndefined();
  });

  it('keeps the newest 32, the oldest dropped first', async () => {
    const { host } = countingHost();
    const file = join(dir, 'runsc-probes.json');
    const kept = new KeptProbes(host, file, '1.0.0');
    for (let i = 0; i < 40; i++) await kept.set(`k${i}`, CAPS);
    const keys = Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { probes: object }).probes);
    expect(keys).toHaveLength(32);
    expect(keys[0]).toBe('k8');
    expect(keys.at(-1)).toBe('k39');
  });
});
