// The probe: what this runsc binary can do, read from its own help. It runs once per
// binary, keyed by path and mtime, since a changed binary may change every flag.
import type { Capabilities } from '../../../shared/model';
import type { Host } from '../host/host';
import { runscFailure } from './failure';
import { parseFlags, parseVersion } from './help-parser';
import { probeInOneRun } from './probe-batch';
import { runRunsc, type RunscResult } from './spawn';

export const PROBED_SUBCOMMANDS = [
  'checkpoint', 'restore', 'list', 'state', 'ps', 'events', 'exec', 'delete', 'run', 'pause', 'resume',
] as const;

const PROBE_TIMEOUT_MS = 15_000;
/** The calls one after another, on a remote host: a dozen quick ones, and a busy host. */
const BATCH_TIMEOUT_MS = 30_000;
/** By host, path and mtime: the same path on two hosts is two binaries. */
const cache = new Map<string, Promise<Capabilities>>();

/** `mtimeMs`: the binary's, when the caller has just seen it (locating it does); else it is asked. */
export async function probeRunsc(host: Host, binary: string, mtimeMs?: number): Promise<Capabilities> {
  const key = `${host.name}\0${binary}\0${mtimeMs ?? (await host.stat(binary)).mtimeMs}`;
  let probe = cache.get(key);
  if (!probe) {
    probe = runProbe(host, binary);
    cache.set(key, probe);
    // A failed probe is not cached: the user may fix the binary and retry.
    probe.catch(() => cache.delete(key));
  }
  return probe;
}

/**
 * Help and version need no privilege: they run plainly, so sudo never prompts for them.
 * Here each call is its own process, all at once; on a remote host, all in one ssh
 * session (see probe-batch.ts), given the time of them all.
 */
async function runProbe(host: Host, binary: string): Promise<Capabilities> {
  const call = (args: string[]) => runRunsc({ host, binary, privilege: 'none', args, timeoutMs: PROBE_TIMEOUT_MS });
  let results: RunscResult[];
  if (host.name === 'local') {
    results = await Promise.all([call(['--version']), call(['flags']), ...PROBED_SUBCOMMANDS.map((sub) => call(['help', sub]))]);
  } else {
    const batch = await probeInOneRun(host, binary, PROBED_SUBCOMMANDS, BATCH_TIMEOUT_MS);
    if ('failed' in batch) throw probeFailure(binary, batch.failed, 'did not finish answering `--version`, `flags` and `help`');
    results = batch;
  }
  const [version, globals, ...helps] = results;
  const parsedVersion = parseVersion(version!.stdout);
  if (!parsedVersion) throw probeFailure(binary, version!, 'did not print a runsc version');
  const subcommands: Record<string, ReturnType<typeof parseFlags>> = {};
  PROBED_SUBCOMMANDS.forEach((sub, i) => {
    const help = helps[i]!;
    // A help call that failed would read as "no flags" and refuse every option: fail loudly instead.
    if (help.exitCode !== 0) throw probeFailure(binary, help, `failed on \`help ${sub}\``);
    // Go's flag package prints usage on stdout or stderr depending on the caller.
    subcommands[sub] = parseFlags(`${help.stdout}\n${help.stderr}`);
  });
  return {
    ...parsedVersion,
    global: parseGlobals(binary, globals!),
    subcommands,
  };
}

function probeFailure(binary: string, result: RunscResult, what: string) {
  return runscFailure(result, { during: 'probe', binary, what });
}

function parseGlobals(binary: string, result: RunscResult) {
  if (result.exitCode !== 0) throw probeFailure(binary, result, 'failed on `flags`');
  return parseFlags(`${result.stdout}\n${result.stderr}`);
}
