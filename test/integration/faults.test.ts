// Faults: each leaves the Desk telling the truth, and loses nothing.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageList } from '../../shared/images';
import type { Job, JobLogPage } from '../../shared/jobs';
import type { ContainerList, Overview } from '../../shared/model';
import { createDesk } from '../../electron/desk/index';
import { deleteAll } from '../support/sandboxes';
import { busyboxBundle, realRunscBuilds, runSandbox } from '../support/real-runsc';
import { NO_DISCOVERY, startDesk, waitJob } from '../support/desk-harness';

describe.each(realRunscBuilds())('faults, against the real runsc $label', (build) => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  let bundle: string;
  const mounts: string[] = [];

  beforeAll(async () => {
    h = await startDesk(build.path);
    root = join(h.work, 'root');
    bundle = busyboxBundle(join(h.work, 'bundle'));
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'] });
  });
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(root, build.path);
    for (const m of mounts) execFileSync('umount', [m]);
  });

  it('runsc SIGKILLed mid-checkpoint: the job failed ("runsc was killed"), its log kept, the image partial', async () => {
    // 48 MB of random bytes in the sandbox's memory make the save last long enough to kill.
    const big = busyboxBundle(join(h.work, 'big-bundle'));
    const spec = JSON.parse(readFileSync(join(big, 'config.json'), 'utf8'));
    spec.process.args = ['/bin/busybox', 'sh', '-c', 'head -c 48000000 /dev/urandom > /tmp/blob; echo ready > /tmp/ready; while true; do sleep 1; done'];
    writeFileSync(join(big, 'config.json'), JSON.stringify(spec));
    runSandbox(root, big, 'big-1', undefined, build.path);
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync(build.path, [`--root=${root}`, 'exec', 'big-1', '/bin/busybox', 'cat', '/tmp/ready'], { stdio: 'ignore', timeout: 10_000 });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const imagePath = join(h.work, 'images', 'killed');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'big-1', imagePath });
    // Kill the runsc this job started, by its pid, once it has begun writing.
    let killed = false;
    for (let i = 0; i < 200 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (!existsSync(join(imagePath, 'checkpoint.img'))) continue;
      let pids: string[] = [];
      try {
        pids = execFileSync('pgrep', ['-f', '--', `--image-path=${imagePath}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
      } catch {
        continue; // pgrep exits 1 when nothing matches yet
      }
      for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
      killed = pids.length > 0;
    }
    expect(killed).toBe(true);
    const job = await waitJob(h.desk, jobId);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toContain('runsc was killed');
    expect(job.steps.find((s) => s.name === 'runsc')?.signal).toBe('SIGKILL');
    const log = await h.call<JobLogPage>('getJobLog', { jobId });
    expect(log.lines.some((l) => l.text.includes('checkpoint --image-path='))).toBe(true);
    const images = await h.call<ImageList>('listImages', {});
    expect(images.images.find((i) => i.path === imagePath)?.state).not.toBe('complete');
  });

  it('a full disk: the job fails with the ENOSPC line and a diagnosis; nothing outside the folder changes', async () => {
    const small = join(h.work, 'small');
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', small]);
    mounts.push(small);
    writeFileSync(join(small, 'neighbour.txt'), 'untouched');
    runSandbox(root, bundle, 'full-1', undefined, build.path);
    const imagePath = join(small, 'image');
    const plan = await h.call<{ warnings: string[] }>('planCheckpoint', { root, id: 'full-1', imagePath });
    expect(plan.warnings.join(' ')).toContain('may not fit');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'full-1', imagePath });
    const job = await waitJob(h.desk, jobId);
    expect(job.status).toBe('failed');
    expect(job.error?.details?.stderr).toContain('no space left on device');
    expect(job.diagnosis).toMatchObject({ title: 'The disk is full', evidence: expect.stringContaining('no space left on device') });
    expect(readdirSync(small).sort()).toEqual(['image', 'neighbour.txt']);
    expect(readFileSync(join(small, 'neighbour.txt'), 'utf8')).toBe('untouched');
    await h.call('addImageDir', { path: small });
    const images = await h.call<ImageList>('listImages', {});
    expect(images.images.find((i) => i.path === imagePath)).toMatchObject({ state: 'partial', reason: expect.stringContaining('failed') });
  });

  it('a hung runsc: list and overview answer with a timeout error in bounded time; a checkpoint is refused, not hung', async () => {
    const hung = join(h.work, 'runsc-hung');
    // Help and version answer (the probe); everything else hangs.
    writeFileSync(hung, `#!/bin/sh\ncase "$1" in --version|help|flags) exec '${build.path}' "$@";; esac\nexec sleep 600\n`);
    chmodSync(hung, 0o755);
    const desk = await createDesk({ dataDir: join(h.work, 'hung-data'), runscPath: hung, privilege: 'none', locations: NO_DISCOVERY, queryTimeoutMs: 1500 });
    try {
      const started = Date.now();
      const list = (await desk.listContainers({})) as ContainerList;
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(list.roots[0]?.error?.code).toBe('RUNSC_TIMEOUT');
      const overview = (await desk.getOverview({})) as Overview;
      expect(overview.roots[0]?.error?.code).toBe('RUNSC_TIMEOUT');
      await expect(desk.checkpoint({ root: join(h.work, 'hung-data', 'root'), id: 'x' })).rejects.toMatchObject({ code: 'RUNSC_TIMEOUT' });
    } finally {
      await desk.close();
    }
  });

  it('runsc missing or not executable: the overview says so with the path tried, every call answers clearly', async () => {
    const notExec = join(h.work, 'runsc-not-exec');
    writeFileSync(notExec, '#!/bin/sh\n');
    chmodSync(notExec, 0o644);
    for (const path of [join(h.work, 'no-such-runsc'), notExec]) {
      const desk = await createDesk({ dataDir: join(h.work, 'missing-data'), runscPath: path, privilege: 'none', locations: NO_DISCOVERY });
      try {
        const overview = (await desk.getOverview({})) as Overview;
        expect(overview.runsc).toMatchObject({ path: null, tried: [path], error: { code: 'RUNSC_MISSING' } });
        expect(overview.runsc.error?.message).toContain('apt-get install runsc');
        expect((await desk.listContainers({})).roots[0]?.error?.code).toBe('RUNSC_MISSING');
        await expect(desk.checkpoint({ root: join(h.work, 'missing-data', 'root'), id: 'x' })).rejects.toMatchObject({ code: 'RUNSC_MISSING' });
        await expect(desk.startDemo({})).rejects.toMatchObject({ code: 'RUNSC_MISSING' });
      } finally {
        await desk.close();
      }
    }
  });

  it('the service stops mid-job and starts again: the job reads interrupted, its log readable; a corrupt job is reported, not fatal', async () => {
    const jobsDir = join(h.dataDir, 'jobs');
    const id = '20261130t000000-abcdef';
    mkdirSync(join(jobsDir, id), { recursive: true });
    const running: Job = {
      id, kind: 'checkpoint', title: 'Checkpoint crashed-1', target: { root, id: 'crashed-1' }, options: {}, status: 'running',
      steps: [{ name: 'runsc', title: 'Checkpoint crashed-1', status: 'running', argv: ['runsc'], startedAt: 1, endedAt: null, exitCode: null, signal: null, stdoutLines: 0, stderrLines: 2 }],
      createdAt: 1, startedAt: 1, endedAt: null, warnings: [], notes: [], diagnosis: null, error: null, imagePath: null, imageBytes: null, createdDirs: [], logLines: 2,
    };
    writeFileSync(join(jobsDir, id, 'job.json'), JSON.stringify(running));
    writeFileSync(join(jobsDir, id, 'log.ndjson'), `${JSON.stringify({ t: 1, stream: 'stderr', text: 'saving…' })}\n${JSON.stringify({ t: 2, stream: 'stderr', text: 'still saving' })}\n`);
    appendFileSync(join(jobsDir, id, 'log.ndjson'), '{"t":3,"stream":"std');
    mkdirSync(join(jobsDir, 'corrupt-1'));
    writeFileSync(join(jobsDir, 'corrupt-1', 'job.json'), '{ not json');
    const restarted = await createDesk({ dataDir: h.dataDir, runscPath: build.path, privilege: 'none', locations: NO_DISCOVERY });
    try {
      const job = (await restarted.getJob({ jobId: id })) as Job;
      expect(job.status).toBe('interrupted');
      expect(job.steps[0]!.status).toBe('cancelled');
      const log = (await restarted.getJobLog({ jobId: id })) as JobLogPage;
      expect(log.lines.map((l) => l.text)).toEqual(['saving…', 'still saving']);
      const all = (await restarted.listJobs({})) as Job[];
      expect(all.length).toBeGreaterThan(1);
    } finally {
      await restarted.close();
    }
  });
});
