// One connection to a remote Docker daemon, as Docker's own CLI makes it for an ssh://
// host: `docker system dial-stdio` run on the host (its docker CLI bridges its stdin and
// stdout to the daemon's socket), reached through the Host (one channel of the host's
// multiplexed ssh). To node's http client it is a socket: a Duplex with the few socket
// methods an http.Agent calls. When the far end dies before answering (no docker, no
// access to the socket, ssh refused), the stream fails with docker's or ssh's own words
// instead of a bare "socket hang up".
import { Duplex } from 'node:stream';
import type { PipeExit, PipeProcess } from '../host/host';
import { dialFailure } from './dial-failure';

/** After the local end closes, how long the remote docker may take to go before it is ended. */
const CLOSE_GRACE_MS = 2000;

export class DialSocket extends Duplex {
  /** http.Agent compares it with its own timeout before calling setTimeout. */
  timeout = 0;
  private received = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly far: PipeProcess,
    private readonly stop: AbortController,
    private readonly where: { host: string; argv: string[] },
  ) {
    super({ allowHalfOpen: false });
    far.stdout.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      this.touch();
      if (!this.push(chunk)) far.stdout.pause();
    });
    // The end of stdout is read with the exit: only then is it known whether it failed.
    far.stdout.on('end', () => void far.done.then((exit) => this.ended(exit), (error: unknown) => this.destroy(dialFailure(where, null, error))));
    far.stdout.on('error', (error) => this.destroy(error));
    far.stdin.on('error', () => undefined);
  }

  override _read(): void {
    this.far.stdout.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    this.far.stdin.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.far.stdin.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    // Closing stdin ends dial-stdio's copy to the daemon, and it exits; should it not, it is ended.
    this.far.stdin.end();
    this.closeTimer ??= setTimeout(() => this.stop.abort(), CLOSE_GRACE_MS).unref();
    void this.far.done.finally(() => this.closeTimer && clearTimeout(this.closeTimer)).catch(() => undefined);
    callback(error);
  }

  /** As net.Socket's: 'timeout' after this long without a byte either way; 0 turns it off. */
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    // As net.Socket does: 0 also takes the listener off. http sets and clears one per
    // request on a kept-alive socket; adding without removing leaked one per call.
    if (onTimeout) {
      if (ms === 0) this.removeListener('timeout', onTimeout);
      else this.once('timeout', onTimeout);
    }
    this.touch();
    return this;
  }

  // What an http.Agent calls on a socket it keeps alive; there is no TCP here to tune.
  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  private ended(exit: PipeExit): void {
    const failed = exit.spawnError !== null || (exit.exitCode !== 0 && !exit.cancelled);
    // Bytes came, so the daemon answered: an exit after that is the end of the connection.
    if (failed && this.received === 0) this.destroy(dialFailure(this.where, exit, null));
    else this.push(null);
  }

  private touch(): void {
    this.clearIdle();
    if (this.timeout > 0 && !this.destroyed) this.idleTimer = setTimeout(() => this.emit('timeout'), this.timeout).unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
