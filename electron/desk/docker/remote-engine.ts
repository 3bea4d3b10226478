// The Docker Engine of a remote host: the same Engine API calls as on this machine,
// over `docker system dial-stdio` run there through the host's ssh (see dial-agent.ts).
// Nothing is installed on the host: its own docker CLI does the bridging.
import type { Host } from '../host/host';
import { DialAgent } from './dial-agent';
import { DockerEngine } from './engine';

/** The remote command, as Docker's CLI runs it for DOCKER_HOST=ssh://… */
export const DIAL_ARGV = ['docker', 'system', 'dial-stdio'];

/** The host's Docker, or null for a Host that cannot stream (it has no runPipe). */
export function remoteDockerEngine(host: Host, options: { idleMs?: number } = {}): DockerEngine | null {
  const runPipe = host.runPipe?.bind(host);
  if (!runPipe) return null;
  const agent = new DialAgent(runPipe, { host: host.name, argv: DIAL_ARGV }, options.idleMs);
  return new DockerEngine({ label: `"${DIAL_ARGV.join(' ')}" on host "${host.name}"`, agent });
}
