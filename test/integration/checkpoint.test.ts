import { chmodSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointPlan, Job } from '../../shared/jobs';
import type { ImageRecord } from '../../shared/images';
import type { ContainerList } from '../../shared/model';
import { deleteAll } from '../support/sandboxes';
import { busyboxBundle, isCurrentBuild, realRunscBuilds, runSandbox, spyRunsc } from '../support/real-runsc';
import { startDesk } from '../support/desk-harness';

describe.each(realRunscBuilds())('checkpoint, against the real runsc $label', (build) => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let spy: ReturnType<typeof spyRunsc>;
  let root: string;
  let bundle: string;
  const checkpointCalls = () => spy.calls().filter((argv) => argv.includes('checkpoint'));

  beforeAll(async () => {
    spy = spyRunsc(undefined, build.path);
    h = await startDesk(spy.path);
    root = join(h.work, 'root');
    bundle = busyboxBundle(join(h.work, 'bundle'));
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'] });
  });
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(root, build.path);
  });

  it('writes checkpoint.img and the record, and keeps the exact argv', async () => {
    runSandbox(root, bundle, 'good-1', undefined, build.path);
    const imagePath = join(h.work, 'images', 'good-1');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'good-1', imagePath });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.map((s) => [s.name, s.status])).toEqual([
      ['preflight', 'succeeded'], ['runsc', 'succeeded'], ['record', 'succeeded'],
    ]);
    // On a runsc with --compression the Desk picks Fastest (uncompressed) when the disk has room, and says so.
    const chosen = isCurrentBuild(build) ? ['--compression=none'] : [];
    expect(job.steps[1]!.argv).toEqual([spy.path, `--root=${root}`, '--network=none', 'checkpoint', `--image-path=${imagePath}`, ...chosen, '--', 'good-1']);
    expect(job.steps[1]!.exitCode).toBe(0);
    expect(readFileSync(join(imagePath, 'checkpoint.img')).subarray(0, 8).toString('latin1')).toBe('gVisorSF');
    const record = JSON.parse(readFileSync(join(imagePath, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
    expect(record).toMatchObject({ state: 'complete', containerId: 'good-1', root, bundle, globalFlags: ['--network=none'], runscVersion: build.label, argv: job.steps[1]!.argv });
    expect(record.files.find((f) => f.name === 'checkpoint.img')!.bytes).toBeGreaterThan(1000);
    // The image's size comes from the one listing after runsc, the same the record holds.
    expect(job.imageBytes).toBe(record.totalBytes);
    // The facts are read beside runsc, and the job ends with them: the free space is the plan's.
    expect(job.facts).toMatchObject({ runscVersion: build.label, bundle, globalFlags: ['--network=none'] });
    expect(job.facts?.specDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(job.facts?.freeBytes).toBeGreaterThan(0);
    expect(statSync(imagePath).mode & 0o777).toBe(0o700);
    const log = await h.call<{ lines: { stream: string; text: string }[] }>('getJobLog', { jobId });
    expect(log.lines.some((l) => l.stream === 'desk' && l.text.includes('checkpoint --image-path'))).toBe(true);
    const jobs = await h.call<Job[]>('listJobs', { containerId: 'good-1' });
    expect(jobs.map((j) => j.id)).toEqual([jobId]);
  });

  if (!isCurrentBuild(build)) it('leave-running on the 2022 runsc ends, and the container runs again under a new PID', async () => {
    runSandbox(root, bundle, 'keep-1', undefined, build.path);
    const before = (await h.call<ContainerList>('listContainers', { root })).containers.find((c) => c.id === 'keep-1')!;
    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'keep-1', leaveRunning: true });
    expect(plan.argv).not.toContain('--leave-running');
    expect(plan.followUps.map((f) => f.title)).toHaveLength(2);
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'keep-1', leaveRunning: true });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'delete', 'restore', 'wait', 'record']);
    const after = (await h.call<ContainerList>('listContainers', { root })).containers.find((c) => c.id === 'keep-1')!;
    expect(after.status).toBe('running');
    expect(after.pid).not.toBe(before.pid);
    expect(job.notes.join(' ')).toContain('PID changed');
  });

  if (isCurrentBuild(build)) it('leave-running on the 2024 runsc resumes in place: --leave-running passed, same PID, nothing restored', async () => {
    runSandbox(root, bundle, 'keep-1', undefined, build.path);
    const before = (await h.call<ContainerList>('listContainers', { root })).containers.find((c) => c.id === 'keep-1')!;
    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'keep-1', leaveRunning: true });
    expect(plan.argv).toContain('--leave-running');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'keep-1', leaveRunning: true });
    const job = await h.waitJob(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'record']);
    const after = (await h.call<ContainerList>('listContainers', { root })).containers.find((c) => c.id === 'keep-1')!;
    expect(after).toMatchObject({ status: 'running', pid: before.pid });
  });

  if (isCurrentBuild(build)) it('passes --compression, --direct and --exclude-committed-zero-pages to the real runsc, which writes pages.img', async () => {
    const cases: [string, Record<string, unknown>, string[], string[]][] = [
      ['opt-none', { compression: 'none', direct: true }, ['--compression=none', '--direct'], ['checkpoint.img', 'pages.img', 'pages_meta.img']],
      // A compressed image keeps its pages inside checkpoint.img.
      ['opt-flate', { compression: 'flate-best-speed', excludeCommittedZeroPages: true }, ['--compression=flate-best-speed', '--exclude-committed-zero-pages'], ['checkpoint.img']],
    ];
    for (const [id, options, flags, files] of cases) {
      runSandbox(root, bundle, id, undefined, build.path);
      const imagePath = join(h.work, 'images', id);
      const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id, imagePath, ...options });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const argv = job.steps.find((s) => s.name === 'runsc')!.argv!;
      expect(argv.slice(argv.indexOf('checkpoint') + 1)).toEqual([`--image-path=${imagePath}`, ...flags, '--', id]);
      expect(readdirSync(imagePath).filter((f) => f.endsWith('.img')).sort()).toEqual(files);
    }
  });

  it('refuses a stopped container before spawning runsc', async () => {
    runSandbox(root, bundle, 'stopped-1', undefined, build.path);
    await h.call('checkpoint', { root, id: 'stopped-1', imagePath: join(h.work, 'images', 'stopped-once') }).then((r) => h.waitJob((r as { jobId: string }).jobId));
    const before = checkpointCalls().length;
    await expect(h.call('checkpoint', { root, id: 'stopped-1', imagePath: join(h.work, 'images', 'stopped-twice') })).rejects.toMatchObject({
      code: 'CONTAINER_NOT_RUNNING', details: { field: 'id' },
    });
    expect(checkpointCalls().length).toBe(before);
    expect(existsSync(join(h.work, 'images', 'stopped-twice'))).toBe(false);
  });

  it('fails with runsc\'s own words when the container stops between the plan and the run', async () => {
    runSandbox(root, bundle, 'racer-1', undefined, build.path);
    // A runsc that kills the container just before the real checkpoint runs.
    const racer = join(h.work, 'runsc-racer');
    writeFileSync(racer, `#!/bin/sh\ncase " $* " in *" checkpoint --image-path="*) '${build.path}' --root='${root}' kill racer-1 KILL; sleep 1;; esac\nexec '${spy.path}' "$@"\n`);
    chmodSync(racer, 0o755);
    await h.call('updateSettings', { runscPath: racer });
    try {
      const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'racer-1', imagePath: join(h.work, 'images', 'racer') });
      const job = await h.waitJob(jobId);
      expect(job.status).toBe('failed');
      expect(job.error?.details?.exitCode).toBe(128);
      // Each build says it in its own words: 2022 names the state, 2024 finds the sandbox gone.
      const words = isCurrentBuild(build) ? 'checkpointing container "racer-1": connecting to control server' : 'cannot checkpoint container "racer-1" in state stopped';
      expect(job.error?.details?.stderr).toContain(words);
      expect(job.diagnosis).toMatchObject({ title: 'The container is not running', evidence: expect.stringContaining(words) });
      expect(job.error).toMatchObject({ code: 'CONTAINER_NOT_RUNNING', details: { field: 'id', state: 'stopped' } });
      expect(job.error?.message).toContain('exited 128');
      expect(job.error?.message).toContain('not running');
      // runsc saved nothing: the folder the Desk made for it is gone again.
      expect(existsSync(join(h.work, 'images', 'racer'))).toBe(false);
    } finally {
      await h.call('updateSettings', { runscPath: spy.path });
    }
  });

  it('refuses a folder that already holds an image, and leaves both files byte for byte', async () => {
    runSandbox(root, bundle, 'exists-1', undefined, build.path);
    const imagePath = join(h.work, 'images', 'taken');
    await h.call('checkpoint', { root, id: 'good-1', imagePath: join(h.work, 'unused') }).catch(() => {});
    const { mkdirSync } = await import('node:fs');
    mkdirSync(imagePath, { recursive: true });
    writeFileSync(join(imagePath, 'checkpoint.img'), Buffer.from('gVisorSF-precious-bytes'));
    writeFileSync(join(imagePath, 'notes.txt'), 'keep me');
    const before = checkpointCalls().length;
    await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath })).rejects.toMatchObject({ code: 'IMAGE_EXISTS', details: { field: 'imagePath' } });
    expect(readFileSync(join(imagePath, 'checkpoint.img'), 'utf8')).toBe('gVisorSF-precious-bytes');
    expect(readFileSync(join(imagePath, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(imagePath).sort()).toEqual(['checkpoint.img', 'notes.txt']);
    expect(checkpointCalls().length).toBe(before);
  });

  it('refuses options and flags this runsc lacks, explains them, and spawns nothing', async () => {
    const before = checkpointCalls().length;
    const imagePath = join(h.work, 'images', 'never');
    if (!isCurrentBuild(build)) {
      await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath, compression: 'flate-best-speed' })).rejects.toMatchObject({
        code: 'UNSUPPORTED_OPTION',
        message: expect.stringMatching(/Compression \(--compression\) is not in runsc 0\.0~20221219\.0.*--image-path, --leave-running, --work-path/),
      });
    }
    // No Debian runsc has --cuda-checkpoint-path (20260608.0 on).
    await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath, extraFlags: ['--cuda-checkpoint-path=/usr/bin/cuda-checkpoint'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'extraFlags.0' } });
    const workDir = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'exists-1', imagePath, extraFlags: ['--work-dir=/x'] });
    expect(workDir.problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_OPTION', field: 'extraFlags.0', message: expect.stringContaining('--work-path') })]);
    const tcp = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'exists-1', imagePath, extraFlags: ['--tcp-established'] });
    expect(tcp.problems[0]?.message).toMatch(/runsc has no --tcp-established.*netstack/);
    await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath, extraFlags: ['--tcp-established'] })).rejects.toMatchObject({ code: 'UNSUPPORTED_OPTION', details: { field: 'extraFlags.0' } });
    await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath: 'relative/path' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'imagePath' } });
    await expect(h.call('checkpoint', { root, id: 'exists-1', imagePath: join(root, 'inside') })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'imagePath' } });
    expect(checkpointCalls().length).toBe(before);
    expect(existsSync(imagePath)).toBe(false);
  });

  it('cancels a running checkpoint: the job is cancelled and the image is marked partial', async () => {
    runSandbox(root, bundle, 'cancel-1', undefined, build.path);
    const slow = join(h.work, 'runsc-slow');
    writeFileSync(slow, `#!/bin/sh\ncase " $* " in *" checkpoint --image-path="*) echo "stand-in: saving slowly" >&2; exec sleep 30;; esac\nexec '${spy.path}' "$@"\n`);
    chmodSync(slow, 0o755);
    await h.call('updateSettings', { runscPath: slow });
    try {
      const imagePath = join(h.work, 'images', 'cancelled');
      const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'cancel-1', imagePath });
      for (let i = 0; i < 50 && !(await h.call<Job>('getJob', { jobId })).steps.some((s) => s.name === 'runsc'); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 300));
      const cancelled = await h.call<Job>('cancelJob', { jobId });
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.steps.find((s) => s.name === 'runsc')).toMatchObject({ status: 'cancelled', signal: 'SIGTERM' });
      const log = await h.call<{ lines: { stream: string; text: string }[] }>('getJobLog', { jobId });
      expect(log.lines.some((l) => l.stream === 'stderr' && l.text === 'stand-in: saving slowly')).toBe(true);
      const record = JSON.parse(readFileSync(join(imagePath, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record).toMatchObject({ state: 'partial', reason: 'The checkpoint was cancelled.' });
    } finally {
      await h.call('updateSettings', { runscPath: spy.path });
    }
  });
});
