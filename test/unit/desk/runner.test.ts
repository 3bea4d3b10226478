import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../../electron/desk/jobs/job-store';
import { JobFailure, JobRunner, runscStepFailure, type JobContext, type JobEmit } from '../../../electron/desk/jobs/runner';
import type { RunscResult } from '../../../electron/desk/runsc/spawn';
import { DeskError } from '../../../shared/errors';
import type { Job, LogLine } from '../../../shared/jobs';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

let dir: string;
let store: JobStore;
let runner: JobRunner;
let updates: Job[];
let logEvents: { jobId: string; from: number; lines: LogLine[] }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-runner-'));
  store = new JobStore(host, dir);
  await store.load();
  updates = [];
  logEvents = [];
  const emit: JobEmit = (event, payload) => {
    if (event === 'job:update') updates.push(payload as Job);
    else logEvents.push(payload as (typeof logEvents)[number]);
  };
  runner = new JobRunner(store, emit);
});
afterEach(async () => {
  await runner.idle();
  rmSync(dir, { recursive: true, force: true });
});

const TARGET = { root: '/var/run/runsc', id: 'web-1' };
const start = (work: (ctx: JobContext) => Promise<void>) => runner.start('checkpoint', 'Checkpoint web-1', TARGET, { leaveRunning: false }, work);

async function logOf(job: Job): Promise<LogLine[]> {
  return (await runner.log(job.id).read(0, 10_000)).lines;
}

async function onDisk(id: string): Promise<Job | undefined> {
  const fresh = new JobStore(host, dir);
  await fresh.load();
  return fresh.get(id);
}

describe('JobRunner', () => {
  it('runs a job that succeeds: steps, warnings, notes, events and the saved record', async () => {
    // The work waits until the test has seen the job running (it starts before start answers).
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    const job = await start(async (ctx) => {
      await gate;
      ctx.say('Planning.');
      const value = await ctx.step('preflight', 'Checking the image folder', async () => 42);
      expect(value).toBe(42);
      ctx.warn('runsc ignores --work-path');
      ctx.note('The PID changed');
      ctx.update({ imagePath: '/img/a' });
      await ctx.step('record', 'Recording the image', async () => undefined);
    });
    expect(job.status).toBe('running');
    expect(runner.isRunning(job.id)).toBe(true);
    go();
    await runner.idle();

    expect(runner.isRunning(job.id)).toBe(false);
    expect(job.status).toBe('succeeded');
    expect(job.steps.map((s) => [s.name, s.title, s.status])).toEqual([
      ['preflight', 'Checking the image folder', 'succeeded'],
      ['record', 'Recording the image', 'succeeded'],
    ]);
    for (const s of job.steps) expect(s.endedAt).toBeGreaterThanOrEqual(s.startedAt!);
    expect(job.warnings).toEqual(['runsc ignores --work-path']);
    expect(job.notes).toEqual(['The PID changed']);
    expect(job.imagePath).toBe('/img/a');
    expect(job.endedAt).toBeGreaterThanOrEqual(job.startedAt!);

    const texts = (await logOf(job)).map((l) => [l.stream, l.text]);
    expect(texts).toEqual([
      ['desk', 'Planning.'],
      ['desk', 'Checking the image folder…'],
      ['desk', 'Warning: runsc ignores --work-path'],
      ['desk', 'The PID changed'],
      ['desk', 'Recording the image…'],
      ['desk', 'Done.'],
    ]);
    expect(job.logLines).toBe(6);

    expect(updates.length).toBeGreaterThan(1);
    expect(updates.every((u) => u.id === job.id)).toBe(true);
    expect(updates[0]!.status).toBe('running');
    expect(updates.at(-1)).toEqual(job);
    expect(updates.at(-1)).not.toBe(job);

    // job:log batches are contiguous and add up to the log.
    let next = 0;
    for (const e of logEvents) {
      expect(e.jobId).toBe(job.id);
      expect(e.from).toBe(next);
      next += e.lines.length;
    }
    expect(next).toBe(6);
    expect(logEvents.flatMap((e) => e.lines).map((l) => l.text)).toEqual(texts.map(([, t]) => t));

    expect(await onDisk(job.id)).toEqual(job);
  });

  it('fails a job whose work throws a DeskError, with the error and the failed step', async () => {
    const job = await start(async (ctx) => {
      await ctx.step('preflight', 'Checking the image folder', async () => {
        throw new DeskError('IMAGE_EXISTS', '/img/a already holds a checkpoint.img.', { field: 'imagePath' });
      });
      await ctx.step('never', 'Never runs', async () => undefined);
    });
    await runner.idle();
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({ code: 'IMAGE_EXISTS', message: '/img/a already holds a checkpoint.img.', details: { field: 'imagePath' } });
    expect(job.diagnosis).toBeNull();
    expect(job.steps.map((s) => [s.name, s.status])).toEqual([['preflight', 'failed']]);
    expect((await logOf(job)).at(-1)?.text).toBe('Failed: /img/a already holds a checkpoint.img.');
    expect((await onDisk(job.id))?.status).toBe('failed');
    expect(updates.at(-1)?.status).toBe('failed');
  });

  it('fails with INTERNAL for a plain Error', async () => {
    const job = await start(async () => {
      throw new Error('disk on fire');
    });
    await runner.idle();
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({ code: 'INTERNAL', message: 'disk on fire' });
  });

  it('carries the diagnosis of a runsc step failure into the job', async () => {
    const failed = result({ stderr: 'checkpoint failed: cannot checkpoint container "web-1" in state stopped\n' });
    const job = await start(async (ctx) => {
      await ctx.step('runsc', 'Checkpoint', async () => {
        throw runscStepFailure('checkpoint', failed);
      });
    });
    await runner.idle();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('RUNSC_FAILED');
    expect(job.diagnosis).toEqual({
      title: 'The container is not running',
      evidence: 'checkpoint failed: cannot checkpoint container "web-1" in state stopped',
      fix: expect.any(String),
    });
  });

  it('cancels a job whose work waits on the signal', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    const job = await start(async (ctx) => {
      await ctx.step('wait', 'Waiting', async () => {
        started();
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
        throw new DeskError('INTERNAL', 'aborted');
      });
    });
    await running;
    expect(runner.isRunning(job.id)).toBe(true);
    await runner.cancel(job.id);
    expect(runner.isRunning(job.id)).toBe(false);
    expect(job.status).toBe('cancelled');
    expect(job.steps[0]?.status).toBe('cancelled');
    expect((await logOf(job)).at(-1)?.text).toBe('Cancelled.');
    await runner.idle();
    expect((await onDisk(job.id))?.status).toBe('cancelled');
  });

  it('marks a job cancelled when its work returns after the abort', async () => {
    const job = await start(async (ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    await runner.cancel(job.id);
    expect(job.status).toBe('cancelled');
    expect(job.error).toBeNull();
  });

  it('does nothing when cancelling a job that is not running', async () => {
    await expect(runner.cancel('no-such-job')).resolves.toBeUndefined();
  });

  it('captures the stdout and stderr lines of a command run for a step', async () => {
    let seen: RunscResult | undefined;
    const job = await start(async (ctx) => {
      await ctx.step('runsc', 'Run the command', async (step) => {
        seen = await ctx.runsc(step, { host, binary: '/bin/sh', privilege: 'none', args: ['-c', 'echo out; echo err >&2; echo out2; exit 3'] });
      });
    });
    await runner.idle();
    expect(seen?.exitCode).toBe(3);
    expect(job.status).toBe('succeeded');
    const step = job.steps[0]!;
    expect(step).toMatchObject({
      argv: ['/bin/sh', '-c', 'echo out; echo err >&2; echo out2; exit 3'], exitCode: 3, signal: null, stdoutLines: 2, stderrLines: 1,
    });
    const lines = await logOf(job);
    expect(lines.find((l) => l.stream === 'desk' && l.text.startsWith('$ '))?.text).toBe('$ /bin/sh -c echo out; echo err >&2; echo out2; exit 3');
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out', 'out2']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err']);
  });

  it('brings the stderr of a command run with an output file into the log', async () => {
    const outputFile = join(dir, 'detached.log');
    const job = await start(async (ctx) => {
      await ctx.step('runsc', 'Restore detached', async (step) => {
        const r = await ctx.runsc(step, { host, binary: '/bin/sh', privilege: 'none', args: ['-c', 'echo to-file >&2; exit 1'], outputFile });
        if (r.exitCode !== 0) throw runscStepFailure('restore', r);
      });
    });
    await runner.idle();
    expect(job.status).toBe('failed');
    expect(job.steps[0]).toMatchObject({ exitCode: 1, stderrLines: 1, status: 'failed' });
    expect((await logOf(job)).filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['to-file']);
    expect(job.error?.message).toContain('to-file');
  });

  it('stops a running command on cancel', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    let seen: RunscResult | undefined;
    const job = await start(async (ctx) => {
      await ctx.step('runsc', 'Sleep', async (step) => {
        const r = ctx.runsc(step, { host, binary: '/bin/sh', privilege: 'none', args: ['-c', 'echo ready; exec sleep 30'] });
        started();
        seen = await r;
      });
    });
    await running;
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await runner.cancel(job.id);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(job.status).toBe('cancelled');
    expect(seen?.cancelled).toBe(true);
  });
});

function result(patch: Partial<RunscResult>): RunscResult {
  return {
    argv: ['runsc', '--root=/r', 'checkpoint', '--image-path=/i', '--', 'web-1'],
    exitCode: 128, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: null, durationMs: 5, ...patch,
  };
}

describe('runscStepFailure', () => {
  it("puts runsc's cause line and its exit code in the message when the failure is unknown", () => {
    const stderr = [
      'I1201 12:00:00.000000   12345 main.go:231] ***************************',
      'weird: the real reason',
      'goroutine 1 [running]:',
      'gvisor.dev/gvisor/pkg/urpc.(*Client).Call(...)',
      '\tgvisor.dev/gvisor/pkg/urpc/urpc.go:433 +0x1d',
      '',
    ].join('\n');
    const failure = runscStepFailure('checkpoint', result({ stderr }));
    expect(failure).toBeInstanceOf(JobFailure);
    expect(failure.error.code).toBe('RUNSC_FAILED');
    expect(failure.error.message).toBe('runsc checkpoint exited 128. runsc said: weird: the real reason');
    expect(failure.diagnosis).toBeNull();
    expect(failure.error.details).toMatchObject({ exitCode: 128, stderr, argv: result({}).argv });
  });

  it('names the diagnosis when runsc said something known', () => {
    const stderr = 'I1130 debug\nos.OpenFile("/i/checkpoint.img") failed: open /i/checkpoint.img: file exists\n';
    const failure = runscStepFailure('checkpoint', result({ stderr }));
    expect(failure.error.message).toContain('runsc checkpoint exited 128');
    expect(failure.error.message).toContain('The image folder already holds an image');
    expect(failure.diagnosis).toMatchObject({ evidence: 'os.OpenFile("/i/checkpoint.img") failed: open /i/checkpoint.img: file exists' });
    expect(failure.error.details?.diagnosis).toEqual(failure.diagnosis);
  });

  it('says how runsc ended: signals, spawn errors, silence', () => {
    const killed = runscStepFailure('restore', result({ exitCode: null, signal: 'SIGKILL' })).error.message;
    expect(killed).toMatch(/killed/);
    expect(killed).toContain('SIGKILL');
    expect(killed).toContain('restore');
    expect(runscStepFailure('restore', result({ exitCode: null, signal: 'SIGTERM' })).error.message).toContain('was stopped by SIGTERM');
    expect(runscStepFailure('restore', result({ stderr: '' })).error.message).toBe('runsc restore exited 128. runsc printed nothing on stderr.');
    const missing = runscStepFailure('restore', result({ exitCode: null, spawnError: 'ENOENT: spawn runsc ENOENT' }));
    expect(missing.error.code).toBe('RUNSC_MISSING');
    expect(missing.error.message).toContain('could not start (ENOENT: spawn runsc ENOENT)');
  });

  it('keeps at most the last 64 KiB of stderr in the details', () => {
    const stderr = `${'a'.repeat(100 * 1024)}\nend\n`;
    const details = runscStepFailure('checkpoint', result({ stderr })).error.details!;
    expect(details.stderr).toHaveLength(64 * 1024);
    expect(details.stderr!.endsWith('end\n')).toBe(true);
  });
});

describe('JobRunner: saving job.json', () => {
  it('coalesces a burst of changes into few writes, the last one the latest state, and shows each change at once', async () => {
    let writes = 0;
    const save = store.save.bind(store);
    store.save = async (job: Job) => {
      writes++;
      await save(job);
    };
    const job = await start(async (ctx) => {
      for (let i = 0; i < 50; i++) {
        ctx.update({ imageBytes: i });
        // Readers see the change before any file is written.
        expect(store.get(ctx.job.id)?.imageBytes).toBe(i);
      }
    });
    await runner.done(job.id);
    await runner.idle();
    // The start, the burst (one write in flight, one queued), and the end: not 52 writes.
    expect(writes).toBeLessThanOrEqual(5);
    expect(updates.filter((u) => u.id === job.id).map((u) => u.imageBytes)).toEqual(expect.arrayContaining([0, 25, 49]));
    const saved = await onDisk(job.id);
    expect(saved).toMatchObject({ status: 'succeeded', imageBytes: 49 });
  });

  it('never lands an older state after a newer one when writes are slow', async () => {
    const save = store.save.bind(store);
    store.save = async (job: Job) => {
      // The first write of the work's changes is the slowest: a state queued behind it must still win.
      await new Promise((resolve) => setTimeout(resolve, job.imageBytes === 1 ? 30 : 1));
      await save(job);
    };
    const job = await start(async (ctx) => {
      ctx.update({ imageBytes: 1 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      ctx.update({ imageBytes: 2 });
    });
    await runner.done(job.id);
    await runner.idle();
    expect(await onDisk(job.id)).toMatchObject({ status: 'succeeded', imageBytes: 2 });
  });

  it('has the job on disk, running, once start answers: a crash right after still finds it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const job = await start(async () => held);
    // What a new service reads after this one was killed here: the job, as interrupted.
    const afterCrash = new JobStore(host, dir);
    await afterCrash.load();
    release();
    await runner.done(job.id);
    expect(afterCrash.get(job.id)).toMatchObject({ id: job.id, status: 'interrupted' });
  });
});
