// Why `docker system dial-stdio` on a remote host gave no connection, in docker's or
// ssh's own words, as a DeskError the listing treats like a local socket that does not
// answer (dockerUnreachable): runsc lists the host's Docker roots instead, read-only.
import { DeskError, type ErrorCode } from '../../../shared/errors';
import type { PipeExit } from '../host/host';

export interface DialPlace {
  host: string;
  argv: string[];
}

// Checked in order: dial-stdio names the socket it could not reach ("dial unix
// /var/run/docker.sock: connect: …"), which must not read as a missing CLI.
const KINDS: { test: (exit: PipeExit | null, said: string) => boolean; code: ErrorCode; why: string }[] = [
  {
    test: (_exit, said) => /permission denied/i.test(said),
    code: 'FORBIDDEN',
    why: 'the ssh user may not use the Docker socket there: add them to the docker group, or log in as a user who may',
  },
  {
    test: (_exit, said) => /dial unix .*(connection refused|no such file)|Cannot connect to the Docker daemon|Is the docker daemon running/i.test(said),
    code: 'NOT_FOUND',
    why: 'dockerd is not running there, or listens elsewhere',
  },
  {
    test: (exit, said) => exit?.exitCode === 127 || /not found|No such file/i.test(said),
    code: 'NOT_FOUND',
    why: 'the docker CLI is not installed there, or not on the PATH a non-interactive ssh login gets',
  },
  {
    test: (_exit, said) => /is not a docker command|unknown command/i.test(said),
    code: 'UNSUPPORTED_OPTION',
    why: 'the docker CLI there is too old for "docker system dial-stdio" (Docker 18.09 or newer has it)',
  },
];

/** The last line the far end printed that says something: usually the one that explains. */
function lastWords(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/** `exit`: the dial process ended without answering; `error`: it could not be started (ssh's failure). */
export function dialFailure(place: DialPlace, exit: PipeExit | null, error: unknown): DeskError {
  const command = place.argv.join(' ');
  if (!exit) {
    // ssh itself failed (unreachable, refused): its DeskError already says so in its words.
    const e = DeskError.from(error);
    return new DeskError(e.code, `Docker on host "${place.host}" was not reached: ${e.message}`, { ...e.details, dockerUnreachable: true, host: place.host });
  }
  const stderr = exit.stderr;
  const said = lastWords(stderr) || exit.spawnError || `exit ${exit.exitCode ?? exit.signal}`;
  const kind = KINDS.find((k) => k.test(exit, `${stderr}\n${exit.spawnError ?? ''}`));
  const why = kind ? ` (${kind.why})` : '';
  return new DeskError(kind?.code ?? 'INTERNAL', `Docker does not answer on host "${place.host}": "${command}" said: ${said}${why}.`, {
    dockerUnreachable: true,
    host: place.host,
    argv: exit.argv,
    exitCode: exit.exitCode,
    signal: exit.signal,
    stderr,
  });
}
