// Where a remote host really is, as this machine's ssh resolves it (`ssh -G`, through the
// Desk's config file): the address, user and port another host would log in to, for a
// migration's source to reach its target by itself. A target behind a jump host or a
// proxy command is only reachable the way this machine reaches it: no hop is offered.
import { resolveArgv, type SshHop } from './ssh-options';
import { spawnSsh, type SshUser } from './ssh-process';

/** `ssh -G`'s lines as keyword → value; the first of a repeated keyword is the one ssh uses. */
export function parseResolved(text: string): Record<string, string> {
  const said: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && !(line.slice(0, space) in said)) said[line.slice(0, space)] = line.slice(space + 1).trim();
  }
  return said;
}

export type HopAnswer = { hop: SshHop; why: null } | { hop: null; why: string };

/** The hop another host would make to this target, or why there is none. */
export function hopFrom(config: Record<string, string>, target: string): HopAnswer {
  for (const keyword of ['proxyjump', 'proxycommand']) {
    const value = config[keyword];
    if (value && value !== 'none') return { hop: null, why: `this machine reaches "${target}" through ${keyword === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand'} ${value}` };
  }
  const { hostname, user } = config;
  const port = Number(config.port ?? '22');
  if (!hostname || !user || !Number.isInteger(port) || port < 1 || port > 65535) {
    return { hop: null, why: `ssh -G "${target}" named no address, user and port` };
  }
  return { hop: { hostname, user, port }, why: null };
}

/** Resolves a target as the person's own ssh would (their uid, their config): SshHost.resolveHop. */
export async function resolveHop(target: { target: string; configFile: string | null; user?: SshUser }): Promise<HopAnswer> {
  const argv = resolveArgv({ target: target.target, configFile: target.configFile });
  const exit = await spawnSsh(argv, target.user ? { user: target.user } : {}).done;
  if (exit.code !== 0) {
    const said = exit.stderr.trim().split('\n').pop() ?? `exit ${exit.code}`;
    return { hop: null, why: `ssh -G "${target.target}" failed on this machine: ${said}` };
  }
  return hopFrom(parseResolved(exit.stdout.toString('utf8')), target.target);
}
