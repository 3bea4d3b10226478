// Current upstream runsc cannot be installed here; its stand-in follows the real CLI.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointPlan, Job } from '../../shared/jobs';
import type { Overview } from '../../shared/model';
import { startDesk } from '../support/desk-harness';

const STANDIN = join(__dirname, '..', 'support', 'runsc-current.mjs');

describe('checkpoint on a runsc with current upstream flags (stand-in)', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  const calls = () => readFileSync(join(h.work, 'calls.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  const checkpointArgv = () => calls().filter((a) => a.includes('checkpoint') && a.some((x) => x.startsWith('--image-path='))).at(-1);

  beforeAll(async () => {
    h = await startDesk(STANDIN);
    process.env.STANDIN_LOG = join(h.work, 'calls.ndjson');
    root = join(h.work, 'root');
    mkdirSync(root, { recursive: true });
    const containers = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, status: 'running', pid: 100 + i, bundle: '/bundle' }));
    writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify(containers));
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'] });
  });
  afterAll(async () => {
    delete process.env.STANDIN_LOG;
    await h?.desk.close();
  });

  it('reports the current options as supported', async () => {
    const overview = await h.call<Overview>('getOverview', {});
    expect(overview.runsc.version).toBe('release-20260817.0');
    expect(overview.checkpointOptions.filter((o) => o.supported).map((o) => o.option)).toEqual([
      'imagePath', 'leaveRunning', 'workPath', 'compression', 'direct', 'excludeCommittedZeroPages', 'cuda',
    ]);
  });

  it('passes --compression, --direct and --exclude-committed-zero-pages exactly when asked', async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['a', {}, []],
      ['b', { compression: 'flate-best-speed' }, ['--compression=flate-best-speed']],
      ['c', { direct: true, excludeCommittedZeroPages: true }, ['--direct', '--exclude-committed-zero-pages']],
      ['d', { compression: 'none', direct: false, leaveRunning: true }, ['--leave-running', '--compression=none']],
    ];
    for (const [id, options, expected] of cases) {
      const imagePath = join(h.work, 'images', id);
      const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id, imagePath, ...options });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const argv = checkpointArgv()!;
      expect(argv.slice(argv.indexOf('checkpoint') + 1)).toEqual([`--image-path=${imagePath}`, ...expected, '--', id]);
      expect(existsSync(join(imagePath, 'checkpoint.img'))).toBe(true);
    }
  });

  it('resumes in place on a current runsc: --leave-running is passed, nothing is restored', async () => {
    const jobs = await h.call<Job[]>('listJobs', { containerId: 'd' });
    expect(jobs[0]!.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'record']);
    expect(calls().some((a) => a.includes('restore') && a.some((x) => x.startsWith('--image-path=')))).toBe(false);
  });

  it('accepts an extra flag this runsc knows, and refuses one it does not', async () => {
    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'd', imagePath: join(h.work, 'images', 'd2'), extraFlags: ['--save-restore-exec-timeout=1m'] });
    expect(plan.problems).toEqual([]);
    expect(plan.argv).toContain('--save-restore-exec-timeout=1m');
    const bad = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'd', imagePath: join(h.work, 'images', 'd3'), extraFlags: ['--allow-open-tcp'] });
    expect(bad.problems[0]).toMatchObject({ code: 'UNSUPPORTED_OPTION', field: 'extraFlags.0' });
  });
});
