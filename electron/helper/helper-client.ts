// The shell's side of the helper: a DeskService whose every call and event crosses the
// helper's stdio. The helper is started on demand, and started again after it dies;
// a job it was running then reads `interrupted` (the job store's crash recovery).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { DeskEventName, DeskEvents } from '../../shared/api';
import { DeskError } from '../../shared/errors';
import { DESK_METHODS } from '../../shared/schemas';
import type { DeskService } from '../desk/index';
import { launcherMissing, startFailure, type HelperLaunch } from './launch';
import { encode, LineSplitter, parseHelperMessage, type HelperMessage, type ShellMessage } from './protocol';

export interface HelperClientOptions {
  dataDir: string;
  /** How long to wait for the ready line. pkexec waits on a person, so longer. */
  startTimeoutMs?: number;
  /** After an unexpected exit, while anyone listens for events, restart after this long. */
  restartDelayMs?: number;
  /** How long close() waits for the helper to exit after its stdin closes. */
  closeTimeoutMs?: number;
  log?: (line: string) => void;
}

type Pending = { method: string; resolve: (value: unknown) => void; reject: (error: DeskError) => void };
type Listener = (payload: unknown) => void;

const STDERR_KEEP = 16 * 1024;

/** Calls that only read: safe to ask again of a new helper when the old one died under them. */
const READS = new Set<string>([
  'getOverview', 'listContainers', 'getContainer', 'getSettings', 'planCheckpoint', 'getJob', 'getJobLog',
  'listJobs', 'listDirectory', 'listImages', 'inspectImage', 'planRestore',
]);

/** The helper died with this call unanswered. */
class HelperLost extends DeskError {
  constructor(how: string, method: string) {
    super('INTERNAL', `The Desk's privileged helper stopped (${how}) during ${method}. It is started again on the next call; a job it was running reads "interrupted".`);
  }
}

export class HelperClient {
  private child: ChildProcessWithoutNullStreams | null = null;
  private starting: Promise<ChildProcessWithoutNullStreams> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<DeskEventName, Set<Listener>>();
  private closed = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly log: (line: string) => void;

  constructor(
    private readonly launch: HelperLaunch,
    private readonly options: HelperClientOptions,
  ) {
    this.log = options.log ?? ((line) => console.warn(`Checkpoint Desk: ${line}`));
  }

  /** The pid of the running helper's launcher (sudo/pkexec), for logs and tests. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts the helper if it is not running; resolves once it said ready. */
  async start(): Promise<void> {
    await this.ensureStarted();
  }

  async call(method: string, payload: unknown): Promise<unknown> {
    try {
      const child = await this.ensureStarted();
      return await this.request(child, (id) => ({ id, method, payload }), method);
    } catch (error) {
      // A read that met a dying helper is asked again of the next one; anything that
      // changes something is not, since the dead helper may have done it already.
      if (!(error instanceof HelperLost) || !READS.has(method)) throw error;
      const child = await this.ensureStarted();
      return this.request(child, (id) => ({ id, method, payload }), method);
    }
  }

  on<E extends DeskEventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener);
    if (set.size === 1) void this.sendSubscription(event, true);
    return () => {
      const current = this.listeners.get(event);
      if (!current?.delete(listener as Listener) || current.size > 0) return;
      this.listeners.delete(event);
      void this.sendSubscription(event, false);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child ?? (await this.starting?.catch(() => null)) ?? null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Closing stdin is how the helper learns its shell is done; it closes the service.
    child.stdin.end();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.options.closeTimeoutMs ?? 10_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** This client as the DeskService the shells already take. */
  asService(): DeskService {
    const service = {} as Record<string, unknown>;
    for (const method of DESK_METHODS) service[method] = (request: unknown) => this.call(method, request);
    service.on = this.on.bind(this);
    service.close = this.close.bind(this);
    Object.defineProperty(service, 'dataDir', { value: this.options.dataDir, enumerable: true });
    return service as unknown as DeskService;
  }

  // ---- the process ----

  private ensureStarted(): Promise<ChildProcessWithoutNullStreams> {
    if (this.closed) return Promise.reject(new DeskError('INTERNAL', 'The Desk is closing.'));
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= this.spawnHelper().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private spawnHelper(): Promise<ChildProcessWithoutNullStreams> {
    const { launch } = this;
    return new Promise((resolve, reject) => {
      const child = spawn(launch.command, launch.args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      let ready = false;
      const timeoutMs = this.options.startTimeoutMs ?? (launch.mode === 'pkexec' ? 120_000 : 60_000);
      const timer = setTimeout(() => {
        fail(new DeskError('INTERNAL', `The Desk's privileged helper did not say ready within ${Math.round(timeoutMs / 1000)} s; it was stopped.`));
        child.kill('SIGTERM');
      }, timeoutMs);
      const fail = (error: DeskError) => {
        clearTimeout(timer);
        if (!ready) reject(error);
      };

      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        stderr = (stderr + text).slice(-STDERR_KEEP);
        // The helper's own log, kept visible in the shell's stderr.
        process.stderr.write(text);
      });
      const lines = new LineSplitter((line) => {
        const message = parseHelperMessage(line);
        if (!message) return this.log(`ignored a line from the helper that is not protocol: ${line.slice(0, 200)}`);
        if ('ready' in message && !ready) {
          ready = true;
          clearTimeout(timer);
          this.child = child;
          for (const event of this.listeners.keys()) void this.sendSubscription(event, true);
          resolve(child);
          return;
        }
        this.receive(message);
      });
      child.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
      child.stdin.on('error', () => {
        // EPIPE when the helper is gone; 'exit' reports it.
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        fail(error.code === 'ENOENT' ? launcherMissing(launch) : DeskError.from(error));
      });
      child.on('exit', (code, signal) => {
        if (!ready) return fail(startFailure(launch, { code, signal }, stderr));
        this.lost(child, code, signal);
      });
    });
  }

  private lost(child: ChildProcessWithoutNullStreams, code: number | null, signal: string | null): void {
    if (this.child === child) this.child = null;
    const how = signal ? `killed by ${signal}` : `exit ${code}`;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new HelperLost(how, pending.method));
    }
    if (this.closed) return;
    this.log(`the privileged helper stopped (${how}); it is started again on the next call`);
    // Events only flow while a helper runs: bring one back for whoever listens.
    if (this.listeners.size > 0) {
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.closed && !this.child) this.ensureStarted().catch((error: Error) => this.log(`restarting the helper failed: ${error.message}`));
      }, this.options.restartDelayMs ?? 1000);
    }
  }

  private receive(message: HelperMessage): void {
    if ('event' in message) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    if ('ready' in message) return;
    if (message.id === null) {
      if (!message.ok) this.log(`the helper refused a line: ${message.error.message}`);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(DeskError.from(message.error));
  }

  private request(child: ChildProcessWithoutNullStreams, build: (id: number) => ShellMessage, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      child.stdin.write(encode(build(id)));
    });
  }

  private async sendSubscription(event: DeskEventName, on: boolean): Promise<void> {
    const child = this.child;
    if (!child) return; // Sent on ready, for every event that has listeners then.
    await this.request(child, (id) => (on ? { id, subscribe: event } : { id, unsubscribe: event }), on ? 'subscribe' : 'unsubscribe').catch(() => {});
  }
}
