import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeleteImageResult, ImageDetails, ImageList, RestorePlan } from '../../shared/images';
import type { Job } from '../../shared/jobs';
import type { ContainerList } from '../../shared/model';
import { deleteAll } from '../support/sandboxes';
import { isCurrentBuild, realRunscBuilds, spyRunsc } from '../support/real-runsc';
import { startDesk } from '../support/desk-harness';

describe.each(realRunscBuilds())('images and restore, against the real runsc $label', (build) => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let spy: ReturnType<typeof spyRunsc>;
  let deskRoot: string;
  let imagePath: string;
  let counterAtCheckpoint = 0;
  const restoreCalls = () => spy.calls().filter((a) => a.includes('restore') && a.some((x) => x.startsWith('--image-path=')));
  const counter = (id: string) =>
    Number(execFileSync(build.path, [`--root=${deskRoot}`, 'exec', id, '/bin/busybox', 'cat', '/tmp/counter'], { encoding: 'utf8', timeout: 20_000 }).trim());

  beforeAll(async () => {
    spy = spyRunsc(undefined, build.path);
    h = await startDesk(spy.path);
    deskRoot = join(h.dataDir, 'root');
  });
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(deskRoot, build.path);
  });

  it('checkpoints the sample sandbox and lists the image, complete, with its record', async () => {
    const { id } = await h.call<{ id: string }>('startDemo', {});
    await new Promise((r) => setTimeout(r, 3500));
    counterAtCheckpoint = counter(id);
    expect(counterAtCheckpoint).toBeGreaterThanOrEqual(2);
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root: deskRoot, id });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    imagePath = job.imagePath!;
    const list = await h.call<ImageList>('listImages', {});
    expect(list.images).toHaveLength(1);
    expect(list.images[0]).toMatchObject({ path: imagePath, state: 'complete', reason: null, containerId: id, runscVersion: build.label });
    const details = await h.call<ImageDetails>('inspectImage', { path: imagePath });
    if (isCurrentBuild(build)) {
      // The Desk's default on a runsc with --compression: the fastest, uncompressed, when the disk has room.
      expect(list.images[0]).toMatchObject({ compression: 'none' });
      expect(list.images[0]!.files.map((f) => f.name).sort()).toEqual(['checkpoint.img', 'pages.img', 'pages_meta.img']);
      expect(details.metadata).toMatchObject({ compression: 'none' });
    } else {
      expect(list.images[0]).toMatchObject({ compression: 'flate' });
      expect(list.images[0]!.files.map((f) => f.name)).toEqual(['checkpoint.img']);
      expect(Object.keys(details.metadata).sort()).toEqual(['_timestamp', 'cpu_usage', 'timestamp']);
    }
    expect(details.jobs.map((j) => j.id)).toEqual([jobId]);
  });

  it('restores it under a new id, and the counter continues from where it was', async () => {
    // The default restores the stopped sample-1 in place (restore-in-place.test.ts); a new id is the option.
    const plan = await h.call<RestorePlan>('planRestore', { imagePath, id: 'restored-sample-1' });
    expect(plan.problems).toEqual([]);
    expect(plan.resolved).toMatchObject({ root: deskRoot, bundle: join(h.dataDir, 'demo', 'bundle'), id: 'restored-sample-1' });
    expect(plan.defaults.map((d) => d.field)).toEqual(['root', 'bundle']);
    const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath, id: 'restored-sample-1' });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.find((s) => s.name === 'runsc')!.argv).toEqual(plan.argv);
    const list = await h.call<ContainerList>('listContainers', { root: deskRoot });
    expect(list.containers.find((c) => c.id === 'restored-sample-1')?.status).toBe('running');
    const after = counter('restored-sample-1');
    expect(after).toBeGreaterThanOrEqual(counterAtCheckpoint);
    expect(after).toBeLessThan(counterAtCheckpoint + 5);
    const details = await h.call<ImageDetails>('inspectImage', { path: imagePath });
    expect(details.jobs.map((j) => j.kind).sort()).toEqual(['checkpoint', 'restore']);
  });

  it('refuses, with nothing spawned: an id that exists, an id runsc would confuse, a bundle without config.json, a partial image', async () => {
    const before = restoreCalls().length;
    await expect(h.call('restore', { imagePath, id: 'restored-sample-1' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'id' } });
    await expect(h.call('restore', { imagePath, id: 'sample' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'id' }, message: expect.stringContaining('prefix') });
    const emptyBundle = join(h.work, 'empty-bundle');
    mkdirSync(emptyBundle, { recursive: true });
    await expect(h.call('restore', { imagePath, id: 'other', bundle: emptyBundle })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'bundle' } });
    if (!isCurrentBuild(build)) await expect(h.call('restore', { imagePath, id: 'other', direct: true })).rejects.toMatchObject({ code: 'UNSUPPORTED_OPTION', details: { field: 'direct' } });
    const partial = join(h.dataDir, 'images', 'half');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'checkpoint.img'), 'gVisorSF');
    await expect(h.call('restore', { imagePath: partial, id: 'other', root: deskRoot, bundle: join(h.dataDir, 'demo', 'bundle') })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'imagePath' } });
    expect(restoreCalls().length).toBe(before);
  });

  // The other Debian build: images are tied to the runsc version that made them.
  const other = realRunscBuilds().find((b) => b.label !== build.label);
  if (other) {
    it(`restores with the runsc that made the image, and refuses runsc ${other.label} before anything runs`, async () => {
      // The default runsc is now the other build; the Desk still picks this image's own.
      await h.call('updateSettings', { runscPath: other.path });
      try {
        const plan = await h.call<RestorePlan>('planRestore', { imagePath, id: 'cross-1' });
        expect(plan.problems).toEqual([]);
        expect(plan.resolved.runsc).toBe(build.path);
        expect(plan.defaults).toContainEqual({ field: 'runsc', from: expect.stringContaining(build.label) });
        expect(plan.argv[0]).toBe(build.path);

        const before = restoreCalls().length;
        const refused = { code: 'RUNSC_MISMATCH', details: { field: 'runsc' }, message: expect.stringContaining(`made by runsc ${build.label}; ${other.path} is runsc ${other.label}`) };
        const mismatch = await h.call<RestorePlan>('planRestore', { imagePath, id: 'cross-1', runsc: other.path });
        expect(mismatch.problems[0]).toMatchObject({ code: 'RUNSC_MISMATCH', field: 'runsc', message: expect.stringContaining(`Restore with ${build.path}`) });
        await expect(h.call('restore', { imagePath, id: 'cross-1', runsc: other.path })).rejects.toMatchObject(refused);
        expect(restoreCalls().length).toBe(before);

        const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath, id: 'cross-1' });
        const job = await h.waitJob(jobId);
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        expect(job.steps.find((s) => s.name === 'runsc')!.argv![0]).toBe(build.path);
        expect(counter('cross-1')).toBeGreaterThanOrEqual(counterAtCheckpoint);

        // Asked for: the other runsc runs, and fails in its own words.
        const forced = await h.call<{ jobId: string }>('restore', { imagePath, id: 'cross-2', runsc: other.path, allowVersionMismatch: true });
        const failed = await h.waitJob(forced.jobId);
        expect(failed.status).toBe('failed');
        expect(failed.warnings.join(' ')).toContain(`Restoring a runsc ${build.label} image with runsc ${other.label}`);
        const words = isCurrentBuild(build) ? 'header error' : 'contains different fields';
        expect(failed.error?.details?.stderr).toContain(words);
      } finally {
        await h.call('updateSettings', { runscPath: spy.path });
      }
    });
  }

  it('lists unreadable and partial images with their reason, beside the good one', async () => {
    const dir = join(h.work, 'more-images');
    const bad = (name: string, content: Buffer | string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'checkpoint.img'), content);
    };
    bad('magic', 'NOTGVISOR-at-all');
    const header = Buffer.alloc(16);
    header.write('gVisorSF', 'latin1');
    header.writeBigUInt64BE(9999n, 8);
    bad('too-long', Buffer.concat([header, Buffer.from('{}')]));
    mkdirSync(join(dir, 'pages'), { recursive: true });
    const meta = Buffer.from(JSON.stringify({ compression: 'none', runsc_version: 'release-20260817.0' }));
    const good = Buffer.alloc(16);
    good.write('gVisorSF', 'latin1');
    good.writeBigUInt64BE(BigInt(meta.length), 8);
    writeFileSync(join(dir, 'pages', 'checkpoint.img'), Buffer.concat([good, meta]));
    writeFileSync(join(dir, 'pages', 'pages_meta.img'), 'x');
    await h.call('addImageDir', { path: dir });
    const list = await h.call<ImageList>('listImages', {});
    const byName = Object.fromEntries(list.images.map((i) => [i.path.split('/').pop(), i]));
    expect(byName.magic).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('bad magic') });
    expect(byName['too-long']).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('9999') });
    expect(byName.pages).toMatchObject({ state: 'partial', reason: expect.stringContaining('pages.img is missing') });
    expect(byName.half).toMatchObject({ state: 'unreadable' });
    expect(list.images.find((i) => i.path === imagePath)?.state).toBe('complete');
  });

  it('deletes only image content: notes.txt and its folder stay; a folder that is not an image is refused', async () => {
    writeFileSync(join(imagePath, 'notes.txt'), 'mine');
    const result = await h.call<DeleteImageResult>('deleteImage', { path: imagePath });
    const pages = isCurrentBuild(build) ? ['pages_meta.img', 'pages.img'] : [];
    expect(result).toEqual({ removed: ['checkpoint.img', ...pages, 'checkpoint-desk.json'], kept: ['notes.txt'], folderRemoved: false });
    expect(readdirSync(imagePath)).toEqual(['notes.txt']);
    await expect(h.call('deleteImage', { path: imagePath })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'path' } });
    expect(existsSync(join(imagePath, 'notes.txt'))).toBe(true);
    await expect(h.call('deleteImage', { path: join(h.work, 'more-images', 'magic') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(h.call('deleteImage', { path: '/etc' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'path' } });
    const jobs = await h.call<Job[]>('listJobs', {});
    // A checkpoint and a restore, and with the other build present its restore and refused restore.
    expect(jobs.length).toBe(other ? 4 : 2);
  });
});
