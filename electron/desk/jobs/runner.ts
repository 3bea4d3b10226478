// Runs jobs: their steps, their log, their cancel, and their outcome, persisted as they
// go. The work of each kind (checkpoint, restore, delete) is a function of a JobContext.
import type { DeskEvents } from '../../../shared/api';
import { DeskError, type Diagnosis } from '../../../shared/errors';
import type { Job, JobKind, JobStep, LogStream } from '../../../shared/jobs';
import { runscFailure } from '../runsc/failure';
import { runRunsc, type RunscCall, type RunscResult } from '../runsc/spawn';
import type { Host } from '../host/host';
import { JobLog } from './job-log';
import type { JobStore } from './job-store';

export type JobEmit = <E extends 'job:update' | 'job:log'>(event: E, payload: DeskEvents[E]) => void;

export interface JobContext {
  readonly job: Job;
  readonly signal: AbortSignal;
  readonly folder: string;
  /** Where the job folder lives (this machine), which may not be where runsc runs. */
  readonly folderHost: Host;
  /** A line of the Desk's own, in the job's log. */
  say(text: string): void;
  warn(text: string): void;
  note(text: string): void;
  update(patch: Partial<Job>): void;
  /** Runs one named step; its failure fails the job unless caught. */
  step<T>(name: string, title: string, work: (step: JobStep) => Promise<T>): Promise<T>;
  /**
   * Spawns runsc for the current step, its output streamed into the log. Never throws.
   * `uninterruptible`: cancel waits for it (cuda-checkpoint must never die mid-toggle).
   */
  runsc(step: JobStep, call: Omit<RunscCall, 'onLine' | 'signal'> & { uninterruptible?: boolean }): Promise<RunscResult>;
}

export class JobFailure extends Error {
  constructor(
    readonly error: DeskError,
    readonly diagnosis: Diagnosis | null = null,
  ) {
    super(error.message);
  }
}

interface Running {
  controller: AbortController;
  log: JobLog;
  done: Promise<void>;
}

export class JobRunner {
  private readonly running = new Map<string, Running>();
  /** Per job: the save on disk now, and the one queued behind it (which writes the latest state). */
  private readonly saving = new Map<string, { current: Promise<void>; queued: Promise<void> | null }>();
  private readonly logs = new Map<string, JobLog>();

  /** Jobs and their logs stay on this machine: the store's host. */
  private readonly host: Host;

  constructor(
    private readonly store: JobStore,
    private readonly emit: JobEmit,
  ) {
    this.host = store.host;
  }

  async start(
    kind: JobKind,
    title: string,
    target: Job['target'],
    options: Record<string, unknown>,
    work: (ctx: JobContext) => Promise<void>,
  ): Promise<Job> {
    const id = this.store.newId();
    const job: Job = {
      id, kind, title, target, options,
      status: 'running',
      steps: [],
      createdAt: Date.now(),
      startedAt: Date.now(),
      endedAt: null,
      warnings: [],
      notes: [],
      diagnosis: null,
      error: null,
      imagePath: null,
      imageBytes: null,
      createdDirs: [],
      logLines: 0,
      // "Run again with debug logs" links the new job to the failed one.
      rerunOf: typeof options.rerunOf === 'string' ? options.rerunOf : null,
    };
    const folder = this.store.folder(id);
    await this.host.mkdir(folder, { recursive: true, mode: 0o700 });
    const log = await JobLog.create(this.host, this.store.logFile(id), (from, lines) => {
      job.logLines = from + lines.length;
      this.emit('job:log', { jobId: id, from, lines });
    });
    this.logs.set(id, log);
    // The work starts at once, and the answer waits for the job's first file: a job the
    // caller was told of is on disk, so a crash right after the answer (the helper killed)
    // still finds it, as interrupted; runsc's start does not wait for the write.
    const saved = this.persist(job);
    const controller = new AbortController();
    const ctx = this.context(job, log, controller.signal, folder);
    const done = this.execute(job, ctx, log, work).finally(() => this.running.delete(id));
    this.running.set(id, { controller, log, done });
    await saved;
    return job;
  }

  private async execute(job: Job, ctx: JobContext, log: JobLog, work: (ctx: JobContext) => Promise<void>): Promise<void> {
    try {
      await work(ctx);
      job.status = ctx.signal.aborted ? 'cancelled' : 'succeeded';
      ctx.say(job.status === 'cancelled' ? 'Cancelled.' : 'Done.');
    } catch (error) {
      const failure = error instanceof JobFailure ? error : new JobFailure(DeskError.from(error));
      job.status = ctx.signal.aborted ? 'cancelled' : 'failed';
      // A cancelled job did what was asked: it carries no error, only its log.
      if (job.status === 'failed') {
        job.error = failure.error.toJSON();
        job.diagnosis = failure.diagnosis ?? failure.error.details?.diagnosis ?? null;
      }
      ctx.say(job.status === 'cancelled' ? 'Cancelled.' : `Failed: ${failure.error.message}`);
    }
    job.endedAt = Date.now();
    // A log that could not be written in full (a full disk) leaves its job as it ended.
    await log.close().catch(() => undefined);
    job.logLines = log.total;
    await this.persist(job);
  }

  private context(job: Job, log: JobLog, signal: AbortSignal, folder: string): JobContext {
    const runner = this;
    return {
      job,
      signal,
      folder,
      folderHost: this.host,
      say: (text) => log.append('desk', text),
      warn(text) {
        job.warnings.push(text);
        log.append('desk', `Warning: ${text}`);
        void runner.persist(job);
      },
      note(text) {
        job.notes.push(text);
        log.append('desk', text);
        void runner.persist(job);
      },
      update(patch) {
        Object.assign(job, patch);
        void runner.persist(job);
      },
      async step(name, title, work) {
        const step: JobStep = {
          name, title, status: 'running', argv: null,
          startedAt: Date.now(), endedAt: null, exitCode: null, signal: null, stdoutLines: 0, stderrLines: 0,
        };
        job.steps.push(step);
        log.append('desk', `${title}…`);
        void runner.persist(job);
        try {
          const result = await work(step);
          step.status = 'succeeded';
          return result;
        } catch (error) {
          step.status = signal.aborted ? 'cancelled' : 'failed';
          throw error;
        } finally {
          step.endedAt = Date.now();
          void runner.persist(job);
        }
      },
      async runsc(step, { uninterruptible, ...call }) {
        log.append('desk', `$ ${[call.binary, ...call.args].join(' ')}`);
        const result = await runRunsc({
          ...call,
          signal: uninterruptible ? undefined : signal,
          onLine: (stream: LogStream, text) => {
            if (stream === 'stdout') step.stdoutLines++;
            else step.stderrLines++;
            log.append(stream, text);
          },
        });
        step.argv = result.argv;
        step.exitCode = result.exitCode;
        step.signal = result.signal;
        if (call.outputFile && result.stderr) {
          // Detached runs write to a file, not to us: bring runsc's words into the log.
          for (const line of result.stderr.split('\n').filter(Boolean)) {
            step.stderrLines++;
            log.append('stderr', line);
          }
        }
        return result;
      },
    };
  }

  /**
   * Every change is announced and kept in the store at once; job.json is written behind.
   * Writes are chained per job, so an older state never lands after a newer one, and
   * coalesced: while one is on disk, the changes after it wait as one write of the latest
   * state (a checkpoint makes a dozen changes in a few ms; each write competed with runsc's
   * own start for the thread pool). The promise resolves once this state is on disk.
   */
  persist(job: Job): Promise<void> {
    const snapshot = structuredClone(job);
    this.store.remember(snapshot);
    this.emit('job:update', structuredClone(job));
    const entry = this.saving.get(job.id);
    if (entry?.queued) return entry.queued;
    const write = (): Promise<void> => {
      const state = this.saving.get(job.id);
      if (state) state.queued = null;
      return this.store.save(structuredClone(job)).catch(() => {});
    };
    if (!entry) {
      const current = write().finally(() => this.settled(job.id, current));
      this.saving.set(job.id, { current, queued: null });
      return current;
    }
    const queued = entry.current.then(write);
    entry.queued = queued;
    entry.current = queued.finally(() => this.settled(job.id, entry.current));
    return queued;
  }

  /** Drops a job's save chain once its last write is done. */
  private settled(jobId: string, last: Promise<void>): void {
    const entry = this.saving.get(jobId);
    if (entry && entry.current === last && entry.queued === null) this.saving.delete(jobId);
  }

  /** SIGTERM now, SIGKILL after the grace period; resolves when the job has ended. */
  async cancel(jobId: string): Promise<void> {
    const running = this.running.get(jobId);
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

  /** Resolves when that job has ended (at once if it is not running). */
  done(jobId: string): Promise<void> {
    return this.running.get(jobId)?.done ?? Promise.resolve();
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  log(jobId: string): JobLog {
    let log = this.logs.get(jobId);
    if (!log) {
      log = JobLog.existing(this.host, this.store.logFile(jobId));
      this.logs.set(jobId, log);
    }
    return log;
  }

  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done));
    while (this.saving.size > 0) await Promise.all([...this.saving.values()].map((e) => e.current));
  }
}

/** The failure of a runsc step, as the job carries it: its own words, its exit, and what to do. */
export function runscStepFailure(what: string, result: RunscResult): JobFailure {
  const error = runscFailure(result, { during: 'step', what });
  return new JobFailure(error, error.details?.diagnosis ?? null);
}
