// When the service runs as root for a person (the privileged helper), ssh runs as that
// person, so OpenSSH reads their ~/.ssh and reaches their agent, never root's.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSsh } from '../../../electron/desk/host/ssh/ssh-process';
import { helperLaunch } from '../../../electron/helper/launch';

const NOBODY = 65534;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.runIf(process.getuid?.() === 0)('ssh as the person (as root)', () => {
  it('spawns as the person, with their agent socket, and as itself without one', async () => {
    const as = await spawnSsh(['sh', '-c', 'id -u; id -g; echo "$SSH_AUTH_SOCK"'], { user: { uid: NOBODY, gid: NOBODY, authSock: '/run/user/1000/agent.sock' } }).done;
    expect(as.stdout.toString().split('\n').slice(0, 3)).toEqual([`${NOBODY}`, `${NOBODY}`, '/run/user/1000/agent.sock']);
    const self = await spawnSsh(['id', '-u']).done;
    expect(self.stdout.toString().trim()).toBe('0');
  });

  it('the control socket folder is made the person\'s, as ssh, running as them, must write there', async () => {
    const { SshHost } = await import('../../../electron/desk/host/ssh-host');
    const base = mkdtempSync(join(tmpdir(), 'desk-ssh-user-'));
    dirs.push(base);
    const controlDir = join(base, 'ssh');
    // An unreachable target: the master fails, but only after the folder is made.
    const host = new SshHost({ name: 'h', target: 'nobody@127.0.0.1', controlDir, connectTimeoutSeconds: 1, user: { uid: NOBODY, gid: NOBODY } });
    await host.stat('/').catch(() => undefined);
    const s = statSync(controlDir);
    expect([s.uid, s.gid, s.mode & 0o777]).toEqual([NOBODY, NOBODY, 0o700]);
    await host.close();
  });
});

describe('the helper launch', () => {
  it('passes the person\'s agent socket, which sudo would drop from the environment', () => {
    const launch = helperLaunch('sudo', { helperPath: '/opt/desk-helper.cjs', dataDir: '/home/a/.local/share/checkpoint-desk', sshAuthSock: '/tmp/ssh-x/agent.1' });
    expect(launch.args).toEqual(['-n', '/opt/desk-helper.cjs', '--data-dir', '/home/a/.local/share/checkpoint-desk', '--privilege', 'sudo', '--ssh-auth-sock', '/tmp/ssh-x/agent.1']);
  });
});
