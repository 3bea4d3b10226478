// The probe's calls (`--version`, `flags`, `help <sub>`…) in one process: on a remote host
// each call alone is an ssh session (a login shell, its rc files), and a dozen of them at
// once queue behind one another; one `sh` that runs them in turn is one session. Each
// call's output (stdout and stderr together, as the parser reads them) ends in a line
// with a marker of this probe's own and the call's exit status.
import { randomBytes } from 'node:crypto';
import type { Host } from '../host/host';
import type { RunscResult } from './spawn';

/** $1 the binary, $2 the marker, then the subcommands whose help to print. */
const PROBE_ALL = `b=$1; m=$2; shift 2
"$b" --version 2>&1 </dev/null; printf '\\n%s %s\\n' "$m" "$?"
"$b" flags 2>&1 </dev/null; printf '\\n%s %s\\n' "$m" "$?"
for s in "$@"; do "$b" help "$s" 2>&1 </dev/null; printf '\\n%s %s\\n' "$m" "$?"; done`;

/**
 * `--version`, `flags`, then `help <sub>` for each, as separate results; or the one run
 * itself, when it did not finish (timed out, cut) or its output cannot be split.
 */
export async function probeInOneRun(host: Host, binary: string, subcommands: readonly string[], timeoutMs: number): Promise<RunscResult[] | { failed: RunscResult }> {
  const marker = `desk-probe-${randomBytes(8).toString('hex')}`;
  const run = await host.run({ argv: ['sh', '-c', PROBE_ALL, 'sh', binary, marker, ...subcommands], env: { LC_ALL: 'C' }, timeoutMs });
  const calls = [['--version'], ['flags'], ...subcommands.map((sub) => ['help', sub])];
  const parts = splitByMarker(run.stdout, marker);
  if (run.exitCode === null || parts.length !== calls.length) return { failed: run };
  return calls.map((args, i) => ({
    ...run,
    argv: [binary, ...args],
    exitCode: parts[i]!.exitCode,
    stdout: parts[i]!.output,
    stderr: '',
    durationMs: run.durationMs / calls.length,
  }));
}

function splitByMarker(stdout: string, marker: string): { output: string; exitCode: number }[] {
  const parts: { output: string; exitCode: number }[] = [];
  const end = new RegExp(`\\n${marker} (\\d+)\\n`, 'g');
  let from = 0;
  for (let m = end.exec(stdout); m; m = end.exec(stdout)) {
    parts.push({ output: stdout.slice(from, m.index), exitCode: Number(m[1]) });
    from = m.index + m[0].length;
  }
  return parts;
}
