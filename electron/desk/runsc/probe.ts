// The probe: what this runsc binary can do, read from its own help. It runs once per
// build of a binary (host, path, file, size, mtime), since a changed binary may change
// every flag; kept on disk too when the caller passes KeptProbes.
import type { Capabilities } from '../../../shared/model';
import type { FileStat, Host } from '../host/host';
import { runscFailure } from './failure';
import { parseFlags, parseVersion } from './help-parser';
import { probeKey, type KeptProbes } from './kept-probes';
import { probeInOneRun } from './probe-batch';
import type { RunscResult } from './spawn';

export const PROBED_SUBCOMMANDS = [
  'checkpoint', 'restore', 'list', 'state', 'ps', 'events', 'exec', 'delete', 'run', 'pause', 'resume',
] as const;

/** All the calls at once, from one process: a dozen quick ones, on a host that may be busy. */
const PROBE_TIMEOUT_MS = 30_000;
/** By probeKey: the same path on two hosts is two binaries. */
const cache = new Map<string, Promise<Capabilities>>();

export interface ProbeOptions {
  /** The binary's stat, when the caller has just seen it (locating it does); else it is asked. */
  file?: FileStat;
  /** Probes kept from earlier runs of the Desk, and where this one's is kept. */
  kept?: KeptProbes;
}

export async function probeRunsc(host: Host, binary: string, options: ProbeOptions = {}): Promise<Capabilities> {
  const key = probeKey(host, binary, options.file ?? (await host.stat(binary)));
  let probe = cache.get(key);
  if (!probe) {
    probe = keptOrRun(host, binary, key, options.kept);
    cache.set(key, probe);
    // A failed probe is not cached: the user may fix the binary and retry.
    probe.catch(() => cache.delete(key));
  }
  return probe;
}

async function keptOrRun(host: Host, binary: string, key: string, kept: KeptProbes | undefined): Promise<Capabilities> {
  const known = await kept?.get(key);
  if (known) return known;
  const caps = await runProbe(host, binary);
  // Behind the answer: the file is for the next start, not this call.
  void kept?.set(key, caps);
  return caps;
}

/**
 * Help and version need no privilege: they run plainly, so sudo never prompts for them.
 * All the calls run from one process (see probe-batch.ts), on this machine as on a remote one.
 */
async function runProbe(host: Host, binary: string): Promise<Capabilities> {
  const batch = await probeInOneRun(host, binary, PROBED_SUBCOMMANDS, PROBE_TIMEOUT_MS);
  if ('failed' in batch) throw probeFailure(binary, batch.failed, 'did not finish answering `--version`, `flags` and `help`');
  const results: RunscResult[] = batch;
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
