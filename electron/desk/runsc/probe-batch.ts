// The probe's calls (`--version`, `flags`, `help <sub>`…) from one process, on any host.
// Each call as its own child of the Desk costs a spawn of the Desk's process (~110 ms of
// its main thread each on a 2-core machine: a dozen of them held a cold start's first
// list for ~1.5 s), and on a remote host each is an ssh session (a login shell, its rc
// files) queued behind the others. One `sh` starts them all at once and prints each
// call's output (stdout and stderr together, as the parser reads them) in order, each
// ending in a line with a marker of this probe's own and the call's exit status.
import { randomBytes } from 'node:crypto';
import type { Host } from '../host/host';
import type { RunscResult } from './spawn';

/** runsc's longest help is ~10 KB. */
const CALL_OUTPUT_BYTES = 1024 * 1024;

/**
 * $1 the binary, $2 the marker, then the subcommands whose help to print. Each call
 * writes to its own file in a private folder, so a long help cannot interleave with
 * another; the folder goes when the script ends, however it ends but SIGKILL. A call's
 * output is cut at CALL_OUTPUT_BYTES (a path that is not runsc may print forever; the
 * cut ends it with SIGPIPE, and its status says so).
 */
const PROBE_ALL = `b=$1; m=$2; shift 2
d=$(mktemp -d "\${TMPDIR:-/tmp}/desk-probe.XXXXXX") || exit 125
trap 'rm -rf "$d"' EXIT
trap 'exit 143' TERM INT HUP
call() { i=$1; shift; { "$b" "$@" 2>&1 </dev/null; echo "$?" >"$d/$i.rc"; } | head -c ${CALL_OUTPUT_BYTES} >"$d/$i"; }
call 0 --version & call 1 flags &
n=2; for s in "$@"; do call "$n" help "$s" & n=$((n + 1)); done
wait
i=0; while [ "$i" -lt "$n" ]; do cat "$d/$i"; printf '\\n%s %s\\n' "$m" "$(cat "$d/$i.rc")"; i=$((i + 1)); done`;

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
    // They ran at once: each took no longer than the run.
    durationMs: run.durationMs,
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
