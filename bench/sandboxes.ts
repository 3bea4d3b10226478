// Real busybox sandboxes for the benchmarks, started and deleted by their id.
import { execFileSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { busyboxBundle, realRunsc } from '../test/support/real-runsc';
import { deleteAll } from '../test/support/sandboxes';

export const runsc = () => realRunsc() ?? 'runsc';

export function bundle(dir: string, args?: string[]): string {
  return busyboxBundle(join(dir, 'bundle'), args);
}

/** A sandbox that only sleeps: for benches of many sandboxes, where 40 counters forking `sleep` every second would load 2 cores. */
export const IDLE = ['/bin/busybox', 'sleep', '100000000'];

/** Detached: stdio to a file, never a pipe (the sandbox would hold it open forever). */
export function start(root: string, bundlePath: string, id: string, logDir: string): void {
  const fd = openSync(join(logDir, `${id}.log`), 'a');
  try {
    execFileSync(runsc(), [`--root=${root}`, '--network=none', 'run', '--detach', `--bundle=${bundlePath}`, '--', id], { stdio: ['ignore', fd, fd], timeout: 60_000 });
  } finally {
    closeSync(fd);
  }
}

export function restore(root: string, bundlePath: string, id: string, imagePath: string, logDir: string): void {
  execFileSync(runsc(), [`--root=${root}`, '--network=none', 'delete', '--force', '--', id], { stdio: 'ignore', timeout: 60_000 });
  const fd = openSync(join(logDir, `${id}.log`), 'a');
  try {
    execFileSync(runsc(), [`--root=${root}`, '--network=none', 'restore', '--detach', `--bundle=${bundlePath}`, `--image-path=${imagePath}`, '--', id], { stdio: ['ignore', fd, fd], timeout: 60_000 });
  } finally {
    closeSync(fd);
  }
}

export const cleanup = deleteAll;
