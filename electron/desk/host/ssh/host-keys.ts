// Host keys, the person's known_hosts respected: a key ssh does not know yet is shown by
// its fingerprint (ssh-keyscan, then ssh-keygen -l) and stored only when the person says
// so (acceptHostKey); a key that changed is never accepted here, only reported.
import type { HostKeyInfo } from '../../../../shared/model';
import type { SshHost } from '../ssh-host';
import { parseResolved } from './destination';
import { resolveArgv } from './ssh-options';
import { spawnSsh, type SshUser } from './ssh-process';

/** What ssh's refusal means for the host key: unknown (may be accepted) or changed (never). */
export function hostKeyStatus(stderr: string): HostKeyInfo['status'] | null {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed|Host key for .* has changed/i.test(stderr)) return 'changed';
  if (/Host key verification failed|No \S+ host key is known|host key is not known/i.test(stderr)) return 'unknown';
  return null;
}

/** `ssh -G`: the address, port and known_hosts files ssh would use for this target. */
export async function resolvedConfig(target: string, configFile: string | null, user?: SshUser): Promise<Record<string, string>> {
  const exit = await spawnSsh(resolveArgv({ target, configFile }), user ? { user } : {}).done;
  return parseResolved(exit.stdout.toString('utf8'));
}

/** The fingerprints of the keys the server offers now: what the person compares. */
export async function scanFingerprints(host: SshHost, user?: SshUser): Promise<string[]> {
  const config = await resolvedConfig(host.target, host.configFile, user);
  const address = config.hostname ?? host.target;
  const port = config.port ?? '22';
  if (!/^[A-Za-z0-9.:_%-]+$/.test(address) || !/^\d+$/.test(port)) return [];
  const scan = await spawnSsh(['ssh-keyscan', '-T', '5', '-p', port, '--', address], user ? { user } : {}).done.catch(() => null);
  const keys = scan?.stdout.toString('utf8').trim();
  if (!keys) return [];
  const listed = await spawnSsh(['ssh-keygen', '-l', '-f', '-'], { stdin: `${keys}\n`, ...(user ? { user } : {}) }).done.catch(() => null);
  return (listed?.stdout.toString('utf8') ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
}
