// One login from the source to the target per transfer, not two. The route's probe (can
// the source log in by itself?) is a full ssh login, ~250 ms between two hosts here, and
// the stream's own ssh was a second one: on 512 MB at the link's speed, each is a sixth
// of the stream. So the probe logs in as an OpenSSH master (ControlMaster) whose socket is
// in a fresh private folder on the source, and the stream's ssh goes through it.
//
// Nothing is left behind: the Desk closes the master (`-O exit`) and removes the folder
// once the transfer ends, whichever way; if the Desk dies first, the master exits by
// itself after ControlPersist's idle minute (taking its socket; the empty folder stays
// in /tmp). If the master is gone when the stream starts, ControlMaster=no makes the
// stream's ssh log in by itself, as before.
import type { Host } from '../host/host';
import { hopArgv, type SshHop } from '../host/ssh/ssh-options';

/** The probe's ssh keeps its connection for the stream this long after its last use. */
const PERSIST_SECONDS = 60;
/** A short, plain folder: a socket path holds at most 108 bytes, and ssh binds it first under a name 17 bytes longer. */
const FOLDER = '/tmp/desk-hop.XXXXXXXX';
/** The placeholder in the probe's argv that the script makes the socket's ControlPath. */
const PLACEHOLDER = 'ControlPath=desk-hop-socket';

/**
 * $@: the probe's ssh argv with PLACEHOLDER among its options. Makes the folder, runs
 * ssh with the socket in it, and prints the folder when ssh logged in; on a failure
 * removes the folder and exits with ssh's status.
 */
const OPEN = `dir=$(mktemp -d ${FOLDER}) || exit 1
n=$#
for a do
  if [ "$a" = ${PLACEHOLDER} ]; then a="ControlPath=$dir/s"; fi
  set -- "$@" "$a"
done
shift "$n"
"$@" || { s=$?; rm -rf -- "$dir"; exit "$s"; }
printf '%s\\n' "$dir"`;

/** $1 the folder, then the argv that stops its master (ssh -O exit). */
const CLOSE = `dir=$1
shift
"$@" >/dev/null 2>&1
rm -rf -- "$dir"`;

/** The probe: on the source, log in to the target and keep the connection (prints its folder). */
export function openHopArgv(hop: SshHop): string[] {
  const master = ['-o', 'ControlMaster=yes', '-o', PLACEHOLDER, '-o', `ControlPersist=${PERSIST_SECONDS}`];
  return ['sh', '-c', OPEN, 'sh', ...hopArgv(hop, master), 'true'];
}

/** The folder the probe printed, or null when its output is not one (a login shell's chatter). */
export function sharedFolder(stdout: string): string | null {
  const last = stdout.trim().split('\n').pop() ?? '';
  return /^\/tmp\/desk-hop\.[A-Za-z0-9]+$/.test(last) ? last : null;
}

/** The stream's ssh options: through the probe's connection while it is there, else a login of its own. */
export function throughShared(folder: string | null): string[] {
  return folder ? ['-o', `ControlPath=${folder}/s`, '-o', 'ControlMaster=no'] : [];
}

/** Stops the probe's master and removes its folder; never throws (the transfer's outcome stands). */
export async function closeHop(from: Host, hop: SshHop, folder: string): Promise<void> {
  const exit = hopArgv(hop, ['-o', `ControlPath=${folder}/s`, '-O', 'exit']);
  await from.run({ argv: ['sh', '-c', CLOSE, 'sh', folder, ...exit], timeoutMs: 10_000, killGraceMs: 1000 }).catch(() => undefined);
}
