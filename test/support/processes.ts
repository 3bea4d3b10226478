// Watching processes from a test: poll until something holds, a process's command line,
// and the processes inside a test host's network namespace.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Polls `what` until it holds or `ms` pass; its last answer either way. */
export async function until(what: () => boolean, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (what()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return what();
}

/** A process's argv joined by spaces; '' once it is gone. */
export function cmdlineOf(pid: number | string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** The pids in a network namespace (`ip netns pids`). */
export function pidsInNamespace(namespace: string): number[] {
  return execFileSync('ip', ['netns', 'pids', namespace], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
}
