// planRestore turns on restore --direct by default only where it applies: this runsc has
// it, the image is uncompressed and its pages.img is there; a request that names it wins.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { planRestore, type RestoreDeps } from '../../../electron/desk/restore/plan';
import type { ResolvedRoot } from '../../../electron/desk/roots';
import { RunscClient } from '../../../electron/desk/runsc/client';
import type { ImageRecord, ImageSummary } from '../../../shared/images';
import type { Capabilities } from '../../../shared/model';
import { caps2022, capsCurrent } from './caps';

const dir = mkdtempSync(join(tmpdir(), 'desk-direct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'bundle');
mkdirSync(bundle, { recursive: true });
writeFileSync(join(bundle, 'config.json'), '{}');
const rootPath = join(dir, 'root');
const root: ResolvedRoot = {
  profile: { path: rootPath, source: 'desk', globalFlags: [], profileSource: 'desk', profileProblems: [], removable: false } as unknown as ResolvedRoot['profile'],
  manager: 'runsc',
  ctx: { root: rootPath, globalFlags: [] },
  problems: [],
};

let n = 0;
/** An image folder on disk holding the named files, whose metadata says `compression`. */
function imageOf(compression: string | null, files: string[]) {
  const path = join(dir, 'images', String(n++));
  mkdirSync(path, { recursive: true });
  for (const f of files) writeFileSync(join(path, f), 'x');
  const record = { containerId: 'sample-1', root: rootPath, bundle, globalFlags: [], cuda: null, compression } as unknown as ImageRecord;
  const image = {
    path,
    state: 'complete',
    reason: null,
    containerId: 'sample-1',
    runscVersion: null,
    compression,
    record,
    files: files.map((name) => ({ name, bytes: 1 })),
    metadata: compression ? { compression } : {},
  } as unknown as ImageSummary & { metadata: Record<string, string> };
  return image;
}

function deps(caps: Capabilities, image: ReturnType<typeof imageOf>): RestoreDeps {
  return { client: new RunscClient(new LocalHost(), '/usr/bin/runsc', caps, 'none'), roots: [root], containers: async () => [], image: async () => image };
}

const UNCOMPRESSED = ['checkpoint.img', 'pages_meta.img', 'pages.img'];

describe('planRestore: --direct by default', () => {
  it('passes --direct for an uncompressed image with pages.img on a runsc that has it, and says why', async () => {
    const image = imageOf('none', UNCOMPRESSED);
    const plan = await planRestore(deps(capsCurrent(), image), { imagePath: image.path });
    expect(plan.problems).toEqual([]);
    expect(plan.restoreOptions.direct).toBe(true);
    expect(plan.argv).toContain('--direct');
    expect(plan.defaults.find((d) => d.field === 'direct')?.from).toMatch(/uncompressed, with pages\.img/);
  });

  it('leaves it off for a compressed image, one without pages.img, and a runsc without restore --direct', async () => {
    for (const [caps, image] of [
      [capsCurrent(), imageOf('flate-best-speed', ['checkpoint.img', 'pages_meta.img', 'pages.img'])],
      [capsCurrent(), imageOf('none', ['checkpoint.img'])],
      [capsCurrent(), imageOf(null, ['checkpoint.img'])],
      [caps2022(), imageOf('none', UNCOMPRESSED)],
    ] as const) {
      const plan = await planRestore(deps(caps, image), { imagePath: image.path });
      expect(plan.problems).toEqual([]);
      expect(plan.restoreOptions.direct).toBeUndefined();
      expect(plan.argv).not.toContain('--direct');
      expect(plan.defaults.some((d) => d.field === 'direct')).toBe(false);
    }
  });

  it('a request that says direct: false wins over the default', async () => {
    const image = imageOf('none', UNCOMPRESSED);
    const plan = await planRestore(deps(capsCurrent(), image), { imagePath: image.path, direct: false });
    expect(plan.restoreOptions.direct).toBe(false);
    expect(plan.argv).not.toContain('--direct');
    expect(plan.defaults.some((d) => d.field === 'direct')).toBe(false);
  });
});
