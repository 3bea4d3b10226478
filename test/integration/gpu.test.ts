// GPU checkpoints. No GPU here: current runsc and cuda-checkpoint are stand-ins that
// follow the real CLIs; the 2022 cases run the real runsc.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointPlan, Job } from '../../shared/jobs';
import type { ImageRecord } from '../../shared/images';
import type { ContainerDetails, Overview } from '../../shared/model';
import { deleteAll } from '../support/sandboxes';
import { busyboxBundle, realRunsc, requireRealRunsc, runSandbox } from '../support/real-runsc';
import { startDesk } from '../support/desk-harness';

const STANDIN = join(__dirname, '..', 'support', 'runsc-current.mjs');
const STANDIN_NVPROXY = join(__dirname, '..', 'support', 'runsc-nvproxy');
const CUDA = '/usr/local/bin/cuda-checkpoint';
const ENV = ['STANDIN_LOG', 'CUDA_STANDIN_STATE_DIR', 'CUDA_STANDIN_PIDS', 'CUDA_STANDIN_FAIL', 'CUDA_STANDIN_DRIVER'];

describe('GPU checkpoints on runsc with GPU support (stand-ins)', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  let log: string;
  const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  /** cuda-checkpoint calls and runsc checkpoint/restore calls, in order, as short words. */
  const sequence = () =>
    calls()
      .map((a) =>
        a[0] === 'cuda-checkpoint'
          ? `${a.includes('--toggle') ? 'toggle' : a.includes('--get-state') ? 'state' : a.includes('--help') ? 'help' : a[1]} ${a.at(-1)}`
          : a.includes('checkpoint') && a.some((x) => x.startsWith('--image-path=')) ? 'checkpoint' : null,
      )
      .filter((x): x is string => x !== null && !x.startsWith('help'));
  const container = (id: string, extra: Record<string, unknown> = {}) => ({ id, status: 'running', pid: 4000, bundle: '/bundle', cudaPids: [{ pid: 101, comm: 'python' }, { pid: 102, comm: 'python' }], files: [CUDA], ...extra });
  const seed = (containers: unknown[]) => writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify(containers));
  const checkpoint = async (body: Record<string, unknown>) => {
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, imagePath: join(h.work, 'images', String(Math.random()).slice(2)), ...body });
    return h.waitJob(jobId);
  };

  async function setup(generation: 'current' | 'nvproxy', driver = '570') {
    h = await startDesk(generation === 'nvproxy' ? STANDIN_NVPROXY : STANDIN);
    root = join(h.work, 'root');
    log = join(h.work, 'calls.ndjson');
    writeFileSync(log, '');
    mkdirSync(root, { recursive: true });
    Object.assign(process.env, {
      STANDIN_LOG: log,
      CUDA_STANDIN_STATE_DIR: join(h.work, 'cuda-state'),
      CUDA_STANDIN_PIDS: '101,102',
      CUDA_STANDIN_DRIVER: driver,
    });
    await h.call('addRoot', { path: root, globalFlags: ['--nvproxy'] });
  }
  afterEach(async () => {
    await h?.desk.close();
    for (const key of ENV) delete process.env[key];
  });

  describe('gVisor drives it (current runsc)', () => {
    beforeEach(() => setup('current'));

    it('reports the mode, the GPU badge and the CUDA processes with their states', async () => {
      seed([container('gpu-1')]);
      const overview = await h.call<Overview>('getOverview', {});
      expect(overview.gpu.generation).toBe('gvisor');
      const details = await h.call<ContainerDetails>('getContainer', { root, id: 'gpu-1' });
      expect(details.container.gpu).toBe(true);
      expect(details.cuda).toEqual([{ pid: 101, command: 'python', state: 'running' }, { pid: 102, command: 'python', state: 'running' }]);
    });

    it('passes --cuda-checkpoint-path, and --cuda-checkpoint-sequential when asked', async () => {
      seed([container('gpu-1', { status: 'running' }), container('gpu-2')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const argv = job.steps.find((s) => s.name === 'runsc')!.argv!;
      expect(argv).toContain(`--cuda-checkpoint-path=${CUDA}`);
      expect(argv).toContain('--cuda-checkpoint-sequential');
      expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'record']);
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda).toMatchObject({ outcome: 'captured-by-gvisor' });
      const plain = await checkpoint({ id: 'gpu-2' });
      expect(plain.steps.find((s) => s.name === 'runsc')!.argv).not.toContain('--cuda-checkpoint-sequential');
    });

    it('refuses in the plan a container without the binary, saying how to mount it; nothing spawned', async () => {
      seed([container('gpu-1', { files: [] })]);
      const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1' });
      expect(plan.problems).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'cuda.pathInContainer', message: expect.stringContaining('"type": "bind"') })]);
      await expect(h.call('checkpoint', { root, id: 'gpu-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(sequence()).toEqual([]);
    });
  });

  describe('the Desk drives it (runsc with nvproxy, no cuda-checkpoint flags)', () => {
    it('toggles each process, then checkpoints, then toggles back on leave-running; every call a step', async () => {
      await setup('nvproxy');
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', leaveRunning: true, cuda: { policy: 'auto', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(sequence()).toEqual(['state 101', 'state 102', 'toggle 101', 'toggle 102', 'checkpoint', 'toggle 101', 'toggle 102']);
      const toggles = job.steps.filter((s) => s.name === 'cuda-toggle');
      expect(toggles).toHaveLength(4);
      expect(toggles[0]!.argv!.slice(-4)).toEqual([CUDA, '--toggle', '--pid', '101']);
      expect(toggles.every((s) => s.exitCode === 0)).toBe(true);
      expect(job.steps.find((s) => s.name === 'runsc')!.argv!.some((a) => a.startsWith('--cuda'))).toBe(false);
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda).toMatchObject({ outcome: 'captured', processes: [{ pid: 101, command: 'python' }, { pid: 102, command: 'python' }] });
    });

    it('a failing toggle rolls back the others and fails the job under auto, with cuda-checkpoint\'s own line', async () => {
      await setup('nvproxy');
      process.env.CUDA_STANDIN_FAIL = '102';
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(job.status).toBe('failed');
      expect(sequence()).toEqual(['state 101', 'state 102', 'toggle 101', 'toggle 102', 'toggle 101']);
      expect(job.error?.message).toContain('Error toggling CUDA in process ID 102: "OS call failed or operation not supported on this OS"');
      expect(job.diagnosis?.title).toBe('cuda-checkpoint could not reach the process');
      expect(job.steps.map((s) => s.name)).toContain('cuda-rollback');
      expect(job.steps.some((s) => s.name === 'runsc')).toBe(false);
    });

    it('best-effort warns, checkpoints, and records "GPU state not captured"', async () => {
      await setup('nvproxy');
      process.env.CUDA_STANDIN_FAIL = '102';
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'best-effort', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.warnings.join(' ')).toContain('GPU state not captured');
      expect(sequence()).toEqual(['state 101', 'state 102', 'toggle 101', 'toggle 102', 'toggle 101', 'checkpoint']);
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda?.outcome).toBe('not-captured');
      expect(record.warnings.join(' ')).toContain('GPU state not captured');
    });

    it('off touches nothing', async () => {
      await setup('nvproxy');
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'off' } });
      expect(job.status).toBe('succeeded');
      expect(sequence()).toEqual(['checkpoint']);
      expect(calls().some((a) => a.includes('exec'))).toBe(false);
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda?.outcome).toBe('off');
    });

    it('R550 (toggle only) skips --get-state; R570 asks it', async () => {
      await setup('nvproxy', '550');
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(sequence()).toEqual(['toggle 101', 'toggle 102', 'checkpoint']);
      expect(job.steps.some((s) => s.name === 'cuda-state')).toBe(false);
    });

    it('restoring a Desk-driven image toggles the processes back, showing each state', async () => {
      await setup('nvproxy');
      seed([container('gpu-1')]);
      const checkpointed = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(checkpointed.status).toBe('succeeded');
      // The stand-in's restored container keeps the processes, as gVisor keeps pids.
      mkdirSync(join(h.work, 'bundle'), { recursive: true });
      writeFileSync(join(h.work, 'bundle', 'config.json'), '{}');
      const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath: checkpointed.imagePath, id: 'gpu-restored', bundle: join(h.work, 'bundle') });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.notes.join(' ')).toMatch(/GPU state restored: 101 running, 102 running/);
    });
  });
});

describe.runIf(requireRealRunsc())('GPU policy on the real 2022 runsc', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  afterAll(async () => {
    await h?.desk.close();
    deleteAll(root);
  });

  it('a non-GPU sandbox under auto checkpoints normally; a bundle asking for NVIDIA is explained in the plan', async () => {
    h = await startDesk(realRunsc()!);
    root = join(h.work, 'root');
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'] });
    const overview = await h.call<Overview>('getOverview', {});
    expect(overview.gpu.generation).toBe('none');
    runSandbox(root, busyboxBundle(join(h.work, 'plain')), 'plain-1');
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, id: 'plain-1', imagePath: join(h.work, 'img'), cuda: { policy: 'auto' } });
    const job = await h.waitJob(jobId);
    expect(job.status).toBe('succeeded');
    expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'record']);

    const gpuBundle = busyboxBundle(join(h.work, 'gpu'));
    const spec = JSON.parse(readFileSync(join(gpuBundle, 'config.json'), 'utf8'));
    spec.annotations = { 'nvidia.com/gpu.present': 'true' };
    writeFileSync(join(gpuBundle, 'config.json'), JSON.stringify(spec));
    runSandbox(root, gpuBundle, 'gpu-2022');
    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-2022', imagePath: join(h.work, 'img2') });
    expect(plan.problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_OPTION', field: 'cuda', message: expect.stringContaining('no GPU support') })]);
    await expect(h.call('checkpoint', { root, id: 'gpu-2022', imagePath: join(h.work, 'img2') })).rejects.toMatchObject({ code: 'UNSUPPORTED_OPTION', details: { field: 'cuda' } });
    const best = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-2022', imagePath: join(h.work, 'img2'), cuda: { policy: 'best-effort' } });
    expect(best.problems).toEqual([]);
    expect(best.warnings.join(' ')).toContain('GPU state not captured');
    const jobs = await h.call<Job[]>('listJobs', { containerId: 'gpu-2022' });
    expect(jobs).toEqual([]);
  });
});
