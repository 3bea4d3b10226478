// planRestore restores in place: a stopped container of the image's id comes back under
// that id (its leftover state deleted first); a running one is never replaced.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { planRestore, type RestoreDeps } from '../../../electron/desk/restore/plan';
import type { ResolvedRoot } from '../../../electron/desk/roots';
import { RunscClient } from '../../../electron/desk/runsc/client';
import type { ImageRecord, ImageSummary } from '../../../shared/images';
import type { Container } from '../../../shared/model';
import { caps2022 } from './caps';

const dir = mkdtempSync(join(tmpdir(), 'desk-in-place-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bundle = join(dir, 'bundle');
const imagePath = join(dir, 'images', 'sample-1', 'one');
mkdirSync(bundle, { recursive: true });
mkdirSync(imagePath, { recursive: true });
writeFileSync(join(bundle, 'config.json'), '{}');

const rootPath = join(dir, 'root');
const root: ResolvedRoot = {
  profile: { path: rootPath, source: 'desk', globalFlags: [], profileSource: 'desk', profileProblems: [], removable: false } as unknown as ResolvedRoot['profile'],
  manager: 'runsc',
  ctx: { root: rootPath, globalFlags: [] },
  problems: [],
};
const record = { containerId: 'sample-1', root: rootPath, bundle, globalFlags: [], cuda: null } as unknown as ImageRecord;
const image = { path: imagePath, state: 'complete', reason: null, containerId: 'sample-1', runscVersion: null, compression: 'none', record, metadata: {} } as unknown as ImageSummary & { metadata: Record<string, string> };

const container = (id: string, status: string): Container => ({ root: rootPath, id, status, pid: null, bundle, created: null, annotations: {}, gpu: false, manager: 'runsc' });

function deps(listed: Container[]): RestoreDeps {
  return {
    client: new RunscClient(new LocalHost(), '/usr/bin/runsc', caps2022(), 'none'),
    roots: [root],
    containers: async () => listed,
    image: async () => image,
  };
}

describe('planRestore in place', () => {
  it('restores the stopped container of the image under its own id, deleting its leftover state first', async () => {
    const plan = await planRestore(deps([container('sample-1', 'stopped')]), { imagePath });
    expect(plan.problems).toEqual([]);
    expect(plan.resolved.id).toBe('sample-1');
    expect(plan.replaces).toBe('sample-1');
    expect(plan.defaults.find((d) => d.field === 'id')?.from).toMatch(/stopped sample-1 is restored in place/);
    expect(plan.argv.slice(-1)).toEqual(['sample-1']);
  });

  it('never replaces a running container: the default becomes a new id', async () => {
    const plan = await planRestore(deps([container('sample-1', 'running')]), { imagePath });
    expect(plan.replaces).toBeNull();
    expect(plan.resolved.id).toBe('restored-sample-1');
  });

  it('asks for an id, instead of searching forever, when an existing id starts every candidate', async () => {
    const plan = await planRestore(deps([container('sample-1', 'running'), container('restored-sample', 'running')]), { imagePath });
    expect(plan.problems).toEqual([expect.objectContaining({ field: 'id', message: expect.stringContaining('"restored-sample"') })]);
  });

  it('a new id is an option: a free id restores beside the stopped one', async () => {
    const plan = await planRestore(deps([container('sample-1', 'stopped')]), { imagePath, id: 'copy-of-one' });
    expect(plan.problems).toEqual([]);
    expect(plan.replaces).toBeNull();
    expect(plan.resolved.id).toBe('copy-of-one');
  });

  it('refuses a named id that is running, and one that clashes by prefix with another', async () => {
    const running = await planRestore(deps([container('web', 'running')]), { imagePath, id: 'web' });
    expect(running.problems.map((p) => p.field)).toEqual(['id']);
    expect(running.problems[0]!.message).toMatch(/is not stopped/);
    const clash = await planRestore(deps([container('web', 'stopped'), container('web-2', 'running')]), { imagePath, id: 'web' });
    expect(clash.replaces).toBeNull();
    expect(clash.problems[0]!.message).toMatch(/start alike/);
  });

  it('with nothing of that id, restores under the image id and replaces nothing', async () => {
    const plan = await planRestore(deps([]), { imagePath });
    expect(plan.resolved.id).toBe('sample-1');
    expect(plan.replaces).toBeNull();
  });
});
