// The http.Agent dockerode is given for a remote host: each connection it opens is one
// `docker system dial-stdio` on that host, through the Host's runPipe (one channel of
// its multiplexed ssh master, as the person, with their config), the way Docker's own
// CLI reaches an ssh:// host. docker-modem's own `protocol: 'ssh'` is not used: it
// speaks SSH itself (ssh2) and so ignores the person's ssh config, agent and known_hosts.
//
// Connections are kept alive for a few seconds, so a listing (one list, one inspect per
// container) costs one channel, not one per call; an idle one is closed soon, since each
// holds one of the host's ssh sessions.
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PipeProcess, PipeRequest } from '../host/host';
import { dialFailure, type DialPlace } from './dial-failure';
import { DialSocket } from './dial-socket';

/** What starts the far end: a Host's runPipe. */
export type OpenPipe = (request: PipeRequest) => Promise<PipeProcess>;

/** How long an idle connection is kept for the next call. */
export const IDLE_MS = 5000;
/** At most this many channels at once: the host's sessions are shared with runsc's calls. */
const MAX_SOCKETS = 2;

export class DialAgent extends Agent {
  constructor(
    private readonly open: OpenPipe,
    private readonly place: DialPlace,
    idleMs = IDLE_MS,
  ) {
    super({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS, timeout: idleMs });
  }

  override createConnection(_options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const stop = new AbortController();
    this.open({ argv: this.place.argv, signal: stop.signal, killGraceMs: 2000 }).then(
      (pipe) => callback?.(null, new DialSocket(pipe, stop, this.place)),
      (error: unknown) => callback?.(dialFailure(this.place, null, error), undefined as unknown as Duplex),
    );
    return undefined;
  }
}
