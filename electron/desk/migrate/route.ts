// Which way a migration's image goes. Through this machine, each byte crosses two ssh
// connections (source → here → target: four crypto passes, two TCP streams); straight
// from the source, one. The direct route is taken only when the source can log in to the
// target by itself, as it is: its own ssh config, keys and known_hosts, no agent
// forwarded, no unknown host key accepted. A short probe (`ssh … true` run on the source,
// whose connection the stream then shares: shared-hop.ts) decides; when it fails, the
// image goes through this machine, and ssh's words say why.
import type { Host } from '../host/host';
import { SshHost } from '../host/ssh-host';
import type { HopAnswer } from '../host/ssh/destination';
import type { SshHop } from '../host/ssh/ssh-options';
import { openHopArgv, sharedFolder } from './shared-hop';

export type RouteKind = 'direct' | 'through-desk';

export type Route =
  /** `shared`: the folder on the source holding the probe's connection, for the stream (see shared-hop.ts). */
  | { kind: 'direct'; hop: SshHop; shared: string | null }
  /** `why`: the reason the source did not stream directly; null where one end is this machine (one hop already). */
  | { kind: 'through-desk'; why: string | null };

/** This machine's Host name. */
const LOCAL = 'local';
/** A probe that cannot answer in this long is a no: ConnectTimeout=5 bounds the connect, this the rest. */
const PROBE_TIMEOUT_MS = 15_000;

/** How to find where the target is: `ssh -G` on this machine for an SshHost, nothing for this machine. */
export type ResolveHop = (to: Host) => Promise<HopAnswer | null>;

const resolveSshHost: ResolveHop = (to) => (to instanceof SshHost ? to.resolveHop() : Promise.resolve(null));

export async function chooseRoute(from: Host, to: Host, signal: AbortSignal, resolve: ResolveHop = resolveSshHost): Promise<Route> {
  // From or to this machine, the stream already crosses one ssh connection.
  if (from.name === LOCAL) return { kind: 'through-desk', why: null };
  const answer = await resolve(to);
  if (answer === null) return { kind: 'through-desk', why: null };
  if (answer.hop === null) return { kind: 'through-desk', why: answer.why };
  const { hop } = answer;
  let said: string;
  try {
    const result = await from.run({ argv: openHopArgv(hop), signal, timeoutMs: PROBE_TIMEOUT_MS, killGraceMs: 1000 });
    if (result.exitCode === 0) return { kind: 'direct', hop, shared: sharedFolder(result.stdout) };
    said = lastLine(result.stderr) ?? (result.timedOut ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : result.spawnError ?? `ssh exited ${result.exitCode ?? result.signal}`);
  } catch (error) {
    said = error instanceof Error ? error.message : String(error);
  }
  return { kind: 'through-desk', why: `"${from.name}" cannot log in to "${to.name}" (${hop.user}@${hop.hostname}:${hop.port}): ${said}` };
}

function lastLine(text: string): string | undefined {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning: Permanently added/.test(l)).pop();
}
