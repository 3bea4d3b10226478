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
const ENV = ['STANDIN_LOG', 'CUDA_STANDIN_STATE_DIR', 'CUDA_STANDIN_PIDS', 'CUDA_STANDIN_FAIL', 'CUDA_STANDIN_DRIVER', 'STANDIN_GENERATION', 'STANDIN_NVPROXY_SAVES_TOGGLED', 'STANDIN_GET_STATE_FAILS_AT_RESTORE'];

describe('GPU checkpoints on runsc with GPU support (stand-ins)', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;
  let log: string;
  const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  /** cuda-checkpoint calls and runsc checkpoint calls, in order, as short words ("lock 101"). */
  const sequence = () =>
    calls()
      .map((a) => {
        if (a[0] === 'cuda-checkpoint') {
          const pid = a[a.indexOf('--pid') + 1];
          const op = a.includes('--toggle') ? 'toggle' : a.includes('--get-state') ? 'state' : a.includes('--action') ? a[a.indexOf('--action') + 1] : 'help';
          return `${op} ${pid}`;
        }
        return a.includes('checkpoint') && a.some((x) => x.startsWith('--image-path=')) ? 'checkpoint' : null;
      })
      .filter((x): x is string => x !== null && !x.startsWith('help'));
  /** Consecutive calls of one kind, sorted: parallel calls have no fixed order. */
  const phases = (seq: string[]) => {
    const out: string[][] = [];
    for (const x of seq) {
      const kind = x.split(' ')[0] + (x.includes(' ') ? '' : '!');
      const last = out.at(-1);
      if (last && last[0]!.split(' ')[0] + (last[0]!.includes(' ') ? '' : '!') === kind) last.push(x);
      else out.push([x]);
    }
    return out.map((g) => g.sort());
  };
  /** A bundle that asks for a GPU the way runsc checks (GPUFunctionalityRequested): /dev/nvidiactl in linux.devices. */
  let gpuBundle: string;
  /** A CPU-only bundle: nvproxy is on for the root, but the spec asks for no GPU. */
  let cpuBundle: string;
  const bundleWith = (name: string, spec: Record<string, unknown>) => {
    const dir = join(h.work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ociVersion: '1.1.0', process: { args: ['python'], env: ['PATH=/usr/bin'] }, ...spec }));
    return dir;
  };
  const container = (id: string, extra: Record<string, unknown> = {}) => ({ id, status: 'running', pid: 4000, bundle: gpuBundle, cudaPids: [{ pid: 101, comm: 'python' }, { pid: 102, comm: 'python' }], files: [CUDA, '/bin/sh'], ...extra });
  const seed = (containers: unknown[]) => writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify(containers));
  const status = (id: string) => (JSON.parse(readFileSync(join(root, 'stand-in-containers.json'), 'utf8')) as { id: string; status: string }[]).find((c) => c.id === id)?.status ?? 'gone';
  const cudaState = (pid: number) => {
    try {
      return readFileSync(join(h.work, 'cuda-state', `${pid}.state`), 'utf8').trim();
    } catch {
      return 'running';
    }
  };
  const checkpoint = async (body: Record<string, unknown>) => {
    const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root, imagePath: join(h.work, 'images', String(Math.random()).slice(2)), ...body });
    return h.waitJob(jobId);
  };

  async function setup(generation: 'current' | '20260608' | 'nvproxy', driver = '570') {
    if (generation === '20260608') process.env.STANDIN_GENERATION = '20260608';
    // Capabilities are cached by path: the 20260608 build gets a path of its own.
    h = await startDesk(generation === 'nvproxy' ? STANDIN_NVPROXY : generation === '20260608' ? `${__dirname}/../support/runsc-current.mjs` : STANDIN);
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
    gpuBundle = bundleWith('gpu-bundle', { linux: { devices: [{ path: '/dev/nvidiactl', type: 'c', major: 195, minor: 255 }] } });
    cpuBundle = bundleWith('cpu-bundle', { linux: { devices: [] } });
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

    it('a CPU-only container in an --nvproxy root is not a GPU container: no badge, no CUDA steps, auto saves it plainly', async () => {
      seed([container('cpu-1', { bundle: cpuBundle, cudaPids: [] })]);
      const details = await h.call<ContainerDetails>('getContainer', { root, id: 'cpu-1' });
      expect(details.container.gpu).toBe(false);
      const job = await checkpoint({ id: 'cpu-1', cuda: { policy: 'auto' } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'record']);
      const argv = job.steps.find((s) => s.name === 'runsc')!.argv!;
      expect(argv.some((a) => a.startsWith('--cuda-checkpoint-path'))).toBe(false);
      expect(argv).not.toContain('--leave-running');
    });

    it('saves with --leave-running and --cuda-checkpoint-path, then stops the container; records the processes it saw', async () => {
      seed([container('gpu-1', { status: 'running' }), container('gpu-2')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const argv = job.steps.find((s) => s.name === 'runsc')!.argv!;
      expect(argv).toContain(`--cuda-checkpoint-path=${CUDA}`);
      expect(argv).toContain('--cuda-checkpoint-sequential');
      expect(argv).toContain('--leave-running');
      expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'cuda-help', 'cuda-find', 'cuda-state', 'cuda-state', 'runsc', 'stop', 'record']);
      expect(status('gpu-1')).toBe('gone');
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda).toMatchObject({ outcome: 'captured-by-gvisor', stoppedAfterSave: true, processes: [{ pid: 101, command: 'python' }, { pid: 102, command: 'python' }] });
      const kept = await checkpoint({ id: 'gpu-2', leaveRunning: true });
      expect(kept.steps.find((s) => s.name === 'runsc')!.argv).not.toContain('--cuda-checkpoint-sequential');
      expect(kept.steps.some((s) => s.name === 'stop')).toBe(false);
      expect(status('gpu-2')).toBe('running');
      expect([cudaState(101), cudaState(102)]).toEqual(['running', 'running']);
    });

    it('restoring a gVisor-captured image rechecks the recorded processes: gVisor gave them back, the Desk toggles nothing', async () => {
      seed([container('gpu-1')]);
      const saved = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto' } });
      expect(saved.status, JSON.stringify(saved.error)).toBe('succeeded');
      writeFileSync(log, '');
      const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath: saved.imagePath, id: 'gpu-back', bundle: gpuBundle });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.steps.filter((s) => s.name === 'cuda-state').map((s) => s.argv!.at(-1))).toEqual(['101', '102', '101', '102']);
      // gVisor's own give-back ran inside runsc restore (the stand-in logs it as "restore 101"); the Desk only asked for states.
      expect(sequence()).toEqual(['restore 101', 'unlock 101', 'restore 102', 'unlock 102', 'state 101', 'state 102', 'state 101', 'state 102']);
      expect(job.steps.map((s) => s.name).filter((n) => n.startsWith('cuda-') && n !== 'cuda-state' && n !== 'cuda-help')).toEqual([]);
      expect(job.notes.join(' ')).toMatch(/GPU state restored: 101 running, 102 running/);
      expect(job.cuda).toMatchObject({ outcome: 'captured-by-gvisor', processes: [{ pid: 101 }, { pid: 102 }] });
    });

    it('a process gVisor skipped at restore (its --get-state failed) is found still checkpointed and given back by the Desk, which says so', async () => {
      seed([container('gpu-1')]);
      const saved = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto' } });
      expect(saved.status, JSON.stringify(saved.error)).toBe('succeeded');
      process.env.STANDIN_GET_STATE_FAILS_AT_RESTORE = '102';
      writeFileSync(log, '');
      const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath: saved.imagePath, id: 'gpu-back', bundle: gpuBundle });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      // runsc restore gave 101 back and said nothing of 102; the Desk's recheck found it and gave it back.
      const seq = sequence();
      expect(seq.slice(0, 2)).toEqual(['restore 101', 'unlock 101']);
      expect(seq.filter((x) => x.endsWith(' 102') && !x.startsWith('state'))).not.toEqual([]);
      expect(job.warnings.join(' ')).toMatch(/gVisor left 102 checkpointed after the restore: the Desk toggled them back/);
      expect([cudaState(101), cudaState(102)]).toEqual(['running', 'running']);
      expect(job.notes.join(' ')).toMatch(/GPU state restored: 101 running, 102 running/);
    });

    it('runs every CUDA exec as root (--user=0:0), so a non-root container is scanned whole', async () => {
      seed([container('gpu-1', { user: 1000, cudaPids: [{ pid: 101, comm: 'python', uid: 0 }, { pid: 102, comm: 'python', uid: 1000 }] })]);
      const job = await checkpoint({ id: 'gpu-1', leaveRunning: true });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      const execs = job.steps.filter((s) => s.name.startsWith('cuda-'));
      expect(execs.every((s) => s.argv!.includes('--user=0:0'))).toBe(true);
      expect(job.steps.filter((s) => s.name === 'cuda-state').map((s) => s.argv!.at(-1))).toEqual(['101', '102']);
    });

    it('policy off on a container with CUDA processes refuses before the save; the container runs on', async () => {
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'off' } });
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('UNSUPPORTED_OPTION');
      expect(job.error?.message).toContain('101 (python), 102 (python) hold NVIDIA devices');
      expect(sequence()).toEqual([]);
      expect(status('gpu-1')).toBe('running');
    });

    it('best-effort without the binary warns, saves with --leave-running; the failed save leaves the container running', async () => {
      seed([container('gpu-1', { files: ['/bin/sh'] })]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'best-effort' } });
      expect(job.status).toBe('failed');
      expect(job.warnings.join(' ')).toContain('hold NVIDIA devices');
      expect(job.steps.find((s) => s.name === 'runsc')!.argv).toContain('--leave-running');
      expect(job.error?.message).toContain('not restorable');
      expect(status('gpu-1')).toBe('running');
    });

    it('gives a best-effort plan no problem for an image without a shell: the binary answers --help itself', async () => {
      seed([container('gpu-1', { files: [CUDA] })]);
      const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1' });
      expect(plan.problems).toEqual([]);
    });

    it('tells a binary that cannot load libcuda.so.1 (exit 127) from a missing one', async () => {
      seed([container('gpu-1', { libcuda: false }), container('gpu-2', { files: [] })]);
      const broken = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1' });
      expect(broken.problems).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('libcuda.so.1') })]);
      const missing = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-2' });
      expect(missing.problems).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'cuda.pathInContainer', message: expect.stringContaining('"type": "bind"') })]);
      expect(missing.problems[0]!.message).not.toContain('"source": "/usr/bin/cuda-checkpoint"');
      await expect(h.call('checkpoint', { root, id: 'gpu-2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(sequence()).toEqual([]);
    });

    it('"Insufficient driver" below R550 is explained in the plan', async () => {
      process.env.CUDA_STANDIN_DRIVER = '535';
      seed([container('gpu-1')]);
      const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1' });
      expect(plan.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('Insufficient driver') })]);
    });
  });

  describe('gVisor drives it (release-20260608.0)', () => {
    beforeEach(() => setup('20260608'));

    it('disables --cuda-checkpoint-sequential with a warning instead of failing the plan', async () => {
      seed([container('gpu-1')]);
      const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1', cuda: { policy: 'auto', sequential: true } });
      expect(plan.problems).toEqual([]);
      expect(plan.warnings.join(' '), JSON.stringify(plan)).toContain('no --cuda-checkpoint-sequential');
      expect(plan.warnings.join(' ')).toContain('release-20260706.0');
      expect(plan.argv).not.toContain('--cuda-checkpoint-sequential');
    });

    it('a failed save keeps the container running and gives the processes gVisor left checkpointed their GPU back', async () => {
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1' });
      expect(job.status).toBe('failed');
      expect(job.error?.message).toContain("can't save with live nvproxy clients");
      expect(status('gpu-1')).toBe('running');
      expect([cudaState(101), cudaState(102)]).toEqual(['running', 'running']);
      expect(job.warnings.join(' ')).toContain('still checkpointed inside the running container');
      // Parallel, as gVisor's own: the order within a phase is not fixed.
      expect(phases(sequence().slice(-4))).toEqual([['restore 101', 'restore 102'], ['unlock 101', 'unlock 102']]);
    });
  });

  describe('the Desk drives it (runsc with nvproxy, no cuda-checkpoint flags): experimental', () => {
    it('refuses under auto, saying why and which runsc to use; nothing runs', async () => {
      await setup('nvproxy');
      seed([container('gpu-1')]);
      const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'gpu-1' });
      expect(plan.problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_OPTION', field: 'cuda', message: expect.stringContaining('release-20260706.0') })]);
      expect(plan.problems[0]!.message).toContain('experimental');
      expect(sequence()).toEqual([]);
    });

    it('best-effort locks with --timeout and checkpoints; the real save refuses live nvproxy clients, the container survives, every process gets its GPU back', async () => {
      await setup('nvproxy');
      seed([container('gpu-1')]);
      const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'best-effort', sequential: true } });
      expect(job.status).toBe('failed');
      expect(job.error?.message).toContain("can't save with live nvproxy clients");
      expect(phases(sequence())).toEqual([['state 101', 'state 102'], ['lock 101', 'lock 102'], ['checkpoint 101', 'checkpoint 102'], ['checkpoint'], ['restore 101', 'restore 102'], ['unlock 101', 'unlock 102']]);
      expect(job.steps.find((s) => s.name === 'cuda-lock')!.argv).toEqual(expect.arrayContaining(['--timeout', '30000']));
      expect(status('gpu-1')).toBe('running');
      expect([cudaState(101), cudaState(102)]).toEqual(['running', 'running']);
    });

    it('toggles only running CUDA processes: NVML-only and checkpointed ones are left alone and reported', async () => {
      await setup('nvproxy');
      process.env.STANDIN_NVPROXY_SAVES_TOGGLED = '1';
      mkdirSync(join(h.work, 'cuda-state'), { recursive: true });
      writeFileSync(join(h.work, 'cuda-state', '104.state'), 'checkpointed');
      process.env.CUDA_STANDIN_PIDS = '101,104';
      seed([container('gpu-1', { cudaPids: [{ pid: 101, comm: 'python' }, { pid: 103, comm: 'nvidia-smi', nvml: true }, { pid: 104, comm: 'python' }] })]);
      const job = await checkpoint({ id: 'gpu-1', leaveRunning: true, cuda: { policy: 'best-effort', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(sequence()).toEqual(['state 101', 'state 103', 'state 104', 'lock 101', 'checkpoint 101', 'checkpoint', 'restore 101', 'unlock 101']);
      expect(job.warnings.join(' ')).toContain('104 (python) is checkpointed, not running');
      expect(cudaState(104)).toBe('checkpointed');
      const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
      expect(record.cuda).toMatchObject({ outcome: 'captured', processes: [{ pid: 101, command: 'python' }] });
    });

    it('R550 (toggle only) keeps the processes with a CUDA thread: an NVML-only one is never toggled', async () => {
      await setup('nvproxy', '550');
      process.env.STANDIN_NVPROXY_SAVES_TOGGLED = '1';
      seed([container('gpu-1', { cudaPids: [{ pid: 101, comm: 'python' }, { pid: 103, comm: 'nvidia-smi', nvml: true }] })]);
      const job = await checkpoint({ id: 'gpu-1', leaveRunning: true, cuda: { policy: 'best-effort', sequential: true } });
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(sequence()).toEqual(['toggle 101', 'checkpoint', 'toggle 101']);
      expect(job.steps.some((s) => s.name === 'cuda-state')).toBe(false);
    });

    it('restoring a Desk-driven image resumes the checkpointed processes, showing each state', async () => {
      await setup('nvproxy');
      process.env.STANDIN_NVPROXY_SAVES_TOGGLED = '1';
      seed([container('gpu-1')]);
      const checkpointed = await checkpoint({ id: 'gpu-1', cuda: { policy: 'best-effort', sequential: true } });
      expect(checkpointed.status, JSON.stringify(checkpointed.error)).toBe('succeeded');
      mkdirSync(join(h.work, 'bundle'), { recursive: true });
      writeFileSync(join(h.work, 'bundle', 'config.json'), '{}');
      const { jobId } = await h.call<{ jobId: string }>('restore', { imagePath: checkpointed.imagePath, id: 'gpu-restored', bundle: join(h.work, 'bundle') });
      const job = await h.waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.notes.join(' ')).toMatch(/GPU state restored: 101 running, 102 running/);
    });

    it('records the driver and GPUs with the GPU state, and warns before a restore under another driver', async () => {
      await setup('current');
      // A stand-in nvidia-smi on PATH, answering the one query the Desk makes.
      const bin = join(h.work, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'nvidia-smi'), '#!/bin/sh\nprintf "%s, NVIDIA H100 80GB HBM3\\n" "$FAKE_NVIDIA_DRIVER" "$FAKE_NVIDIA_DRIVER"\n', { mode: 0o755 });
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path}`;
      process.env.FAKE_NVIDIA_DRIVER = '570.86.15';
      try {
        seed([container('gpu-1')]);
        const job = await checkpoint({ id: 'gpu-1', cuda: { policy: 'auto' } });
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        const record = JSON.parse(readFileSync(join(job.imagePath!, 'checkpoint-desk.json'), 'utf8')) as ImageRecord;
        expect(record.cuda?.host).toEqual({ driverVersion: '570.86.15', gpus: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3'] });
        const same = await h.call<{ warnings: string[] }>('planRestore', { imagePath: job.imagePath!, id: 'gpu-back' });
        expect(same.warnings.join(' ')).not.toMatch(/driver/);
        process.env.FAKE_NVIDIA_DRIVER = '575.51.03';
        const other = await h.call<{ warnings: string[] }>('planRestore', { imagePath: job.imagePath!, id: 'gpu-back' });
        expect(other.warnings.join(' ')).toContain('nvidia driver version changed during restore');
      } finally {
        process.env.PATH = path;
        delete process.env.FAKE_NVIDIA_DRIVER;
      }
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
    // What runsc itself looks for (specutils GPUFunctionalityRequested): nvproxy on (here by
    // its annotation, as the root has no --nvproxy) and an nvidiactl device.
    spec.annotations = { ...(spec.annotations ?? {}), 'dev.gvisor.internal.nvproxy': 'true' };
    spec.linux.devices = [...(spec.linux.devices ?? []), { path: '/dev/nvidiactl', type: 'c', major: 195, minor: 255 }];
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
