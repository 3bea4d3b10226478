// How the shell starts the helper: the argv for sudo or pkexec, and what their
// failures mean in words a person can act on.
import { userInfo } from 'node:os';
import { DeskError } from '../../shared/errors';

export type HelperMode = 'sudo' | 'pkexec';

export interface HelperLaunch {
  mode: HelperMode;
  /** The program to spawn (sudo, pkexec; a test may put node and a fake helper here). */
  command: string;
  args: string[];
  /** The built helper: the one path the sudoers line or polkit action names. */
  helperPath: string;
}

export interface LaunchOptions {
  helperPath: string;
  dataDir: string;
  runscPath?: string;
  /** The person's agent, for ssh to remote hosts (ssh runs as the person, never as root). */
  sshAuthSock?: string;
}

export function helperLaunch(mode: HelperMode, options: LaunchOptions): HelperLaunch {
  const helperArgs = [
    '--data-dir', options.dataDir,
    '--privilege', mode,
    ...(options.runscPath ? ['--runsc', options.runscPath] : []),
    ...(options.sshAuthSock ? ['--ssh-auth-sock', options.sshAuthSock] : []),
  ];
  // sudo -n: never prompt (there is no terminal to prompt on); fail instead.
  const args = mode === 'sudo' ? ['-n', options.helperPath, ...helperArgs] : [options.helperPath, ...helperArgs];
  return { mode, command: mode, args, helperPath: options.helperPath };
}

/** The one sudoers line that lets this person start exactly this helper. */
export function sudoersLine(helperPath: string, user = userInfo().username): string {
  return `${user} ALL=(root) NOPASSWD: ${helperPath}`;
}

export const POLKIT_POLICY = '/usr/share/polkit-1/actions/org.checkpointdesk.helper.policy';

/** Why the helper exited before it was ready, as a DeskError. */
export function startFailure(launch: HelperLaunch, exit: { code: number | null; signal: string | null }, stderr: string): DeskError {
  const tail = stderr.trim().split('\n').slice(-6).join('\n');
  const details = { field: 'privilege', argv: [launch.command, ...launch.args], exitCode: exit.code, signal: exit.signal, stderr: tail };
  if (launch.mode === 'sudo' && /password is required|not allowed to execute|may not run sudo|not in the sudoers/i.test(stderr)) {
    const line = sudoersLine(launch.helperPath);
    return new DeskError(
      'FORBIDDEN',
      `sudo will not start the Desk's helper without a password, so nothing was started. Add this line, as root, with \`visudo -f /etc/sudoers.d/checkpoint-desk\`:\n${line}\n(or start the Desk with --privilege pkexec and the polkit policy installed).`,
      { ...details, sudoersLine: line },
    );
  }
  if (launch.mode === 'pkexec' && exit.code === 126) {
    return new DeskError(
      'FORBIDDEN',
      "The administrator prompt was dismissed (pkexec exit 126), so the Desk's helper did not start and nothing changed. Try again: the next call asks again.",
      details,
    );
  }
  if (launch.mode === 'pkexec' && exit.code === 127) {
    return new DeskError(
      'FORBIDDEN',
      `pkexec could not get authorization to start the Desk's helper (no polkit agent is running, or the policy is not installed at ${POLKIT_POLICY}). Nothing was started.${tail ? `\npkexec said: ${tail}` : ''}`,
      details,
    );
  }
  const how = exit.signal ? `killed by ${exit.signal}` : `exit ${exit.code}`;
  return new DeskError('INTERNAL', `The Desk's privileged helper stopped before it was ready (${how}).${tail ? `\n${tail}` : ''}`, details);
}

/** sudo or pkexec is not installed at all. */
export function launcherMissing(launch: HelperLaunch): DeskError {
  const install = launch.mode === 'sudo' ? 'apt-get install sudo' : 'apt-get install pkexec (polkit)';
  return new DeskError('NOT_FOUND', `${launch.command} is not installed, so the Desk cannot start its privileged helper. Install it (${install}) or choose another privilege mode.`, {
    field: 'privilege',
  });
}
