// Appends to an open file off the service's thread, in order. A job's log takes runsc's
// debug output at tens of MB/s; written with writeSync, the copy into the file took
// ~0.6 s of the service's one thread for a 30 MB log, while it also had the socket to
// feed. Here each write is queued behind the last and done on libuv's pool.
import { close, write } from 'node:fs';
import type { AppendHandle } from './host';

/** The handle for `fd`, a file opened for appending (O_APPEND: position null appends). */
export function appendQueue(fd: number, path: string, startSize: number): AppendHandle {
  let tail: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  let closing: Promise<void> | null = null;
  const settled = () => {
    if (failure) throw failure;
  };
  return {
    startSize,
    write(data) {
      if (closing) throw new Error(`${path} is closed`);
      const buffer = typeof data === 'string' ? Buffer.from(data) : data;
      if (buffer.length === 0) return;
      // After a failure nothing more is written: a log with a hole is worse than a short one.
      tail = tail.then(() => (failure ? undefined : writeAll(fd, buffer).catch((error: Error) => void (failure ??= error))));
    },
    written: () => tail.then(settled),
    close: () => (closing ??= tail.then(() => new Promise<void>((resolve) => close(fd, () => resolve()))).then(settled)),
  };
}

/** The whole buffer: a write may take only part of it. */
function writeAll(fd: number, buffer: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (offset: number) =>
      write(fd, buffer, offset, buffer.length - offset, null, (error, n) => {
        if (error) reject(error);
        else if (offset + n < buffer.length) from(offset + n);
        else resolve();
      });
    from(0);
  });
}
