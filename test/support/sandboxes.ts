// Deleting the sandboxes a test run started, even when the test failed.
import { execFileSync } from 'node:child_process';

export function runscBinary(): string {
  return process.env.RUNSC ?? 'runsc';
}

export function listIds(root: string, binary = runscBinary()): string[] {
  try {
    const out = execFileSync(binary, [`--root=${root}`, 'list', '--format=json'], { encoding: 'utf8', timeout: 20_000 });
    const parsed = JSON.parse(out.trim() || 'null') as { id: string }[] | null;
    return (parsed ?? []).map((c) => c.id);
  } catch {
    return [];
  }
}

export function deleteAll(root: string, binary = runscBinary()): void {
  for (const id of listIds(root, binary)) {
    try {
      execFileSync(binary, [`--root=${root}`, 'delete', '--force', id], { timeout: 20_000, stdio: 'ignore' });
    } catch {
      // Best effort: a sandbox that is already gone is fine.
    }
  }
}
