import { describe, expect, it } from 'vitest';
import { controlArgv, controlDir, controlPath, sshArgv, type SshTarget } from '../../../electron/desk/host/ssh/ssh-options';
import { sshFailure, sshFailureReason, remoteFileError } from '../../../electron/desk/host/ssh/ssh-failure';

const target = (over: Partial<SshTarget> = {}): SshTarget => ({
  name: 'gpu-3',
  target: 'gpu-3',
  configFile: null,
  controlDir: '/home/ana/.local/share/checkpoint-desk/ssh',
  persistSeconds: 600,
  connectTimeoutSeconds: 10,
  ...over,
});

describe('ssh command line', () => {
  it('never prompts, multiplexes through the control socket, and ends options before the target', () => {
    const argv = sshArgv(target({ configFile: '/etc/desk/ssh_config' }));
    expect(argv.slice(0, 3)).toEqual(['ssh', '-F', '/etc/desk/ssh_config']);
    expect(argv).toEqual(expect.arrayContaining(['BatchMode=yes', 'ControlMaster=auto', 'ControlPersist=600', `ControlPath=${controlPath(target({ configFile: '/etc/desk/ssh_config' }))}`]));
    expect(argv.slice(-2)).toEqual(['--', 'gpu-3']);
    expect(sshArgv(target())).not.toContain('-F');
  });

  it('ssh -O speaks to the same socket', () => {
    expect(controlArgv(target(), 'exit')).toEqual(['ssh', '-o', 'BatchMode=yes', '-o', `ControlPath=${controlPath(target())}`, '-O', 'exit', '--', 'gpu-3']);
  });

  it('one socket per target and config file', () => {
    expect(controlPath(target())).not.toBe(controlPath(target({ target: 'root@10.0.0.5' })));
    expect(controlPath(target())).not.toBe(controlPath(target({ configFile: '/x' })));
  });

  it('keeps the socket path within the unix limit, even with ssh\'s temporary suffix', () => {
    for (const dataDir of ['/d', '/home/ana/.local/share/checkpoint-desk', `/home/${'a'.repeat(200)}`, '/home/ana/my desk%h']) {
      const dir = controlDir(dataDir);
      expect(controlPath(target({ controlDir: dir })).length + 17).toBeLessThan(104);
      expect(dir).toMatch(/^[A-Za-z0-9/._-]+$/);
    }
    expect(controlDir('/home/ana/.local/share/checkpoint-desk')).toBe('/home/ana/.local/share/checkpoint-desk/ssh');
    expect(controlDir(`/home/${'a'.repeat(200)}`)).not.toBe(controlDir(`/home/${'b'.repeat(200)}`));
  });
});

describe('ssh failures', () => {
  it.each([
    ['ssh: connect to host 10.0.0.5 port 22: Connection refused', 'unreachable'],
    ['ssh: Could not resolve hostname gpu-9: Name or service not known', 'unreachable'],
    ['ssh: connect to host 10.0.0.5 port 22: Connection timed out', 'unreachable'],
    ['root@10.0.0.5: Permission denied (publickey).', 'auth'],
    ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.', 'host-key'],
    ['Host key verification failed.', 'host-key'],
    ['mux_client_request_session: something odd', 'ssh'],
  ])('%s is %s', (stderr, reason) => {
    expect(sshFailureReason(stderr)).toBe(reason);
    const error = sshFailure('gpu-3', 'gpu-3', `Warning: Permanently added 'x'\n${stderr}\n`, ['true'], 255);
    expect(error.details).toMatchObject({ reason, stderr: `Warning: Permanently added 'x'\n${stderr}\n`, host: 'gpu-3' });
    expect(error.message).toContain(stderr.split('\n').pop());
  });

  it('remote file errors carry the errno name, whoever named it', () => {
    expect(remoteFileError('h', 'stat', '/x', "stat: cannot statx '/x': No such file or directory\n").code).toBe('ENOENT');
    expect(remoteFileError('h', 'read', '/x', 'sh: 3: cannot open /x: No such file\n').code).toBe('ENOENT');
    expect(remoteFileError('h', 'scandir', '/x', 'desk-errno:ENOTDIR\n').code).toBe('ENOTDIR');
    expect(remoteFileError('h', 'rm', '/x', "rmdir: failed to remove '/x': Directory not empty\n").code).toBe('ENOTEMPTY');
    expect(remoteFileError('h', 'open', '/x', 'something new\n')).toMatchObject({ code: 'EIO', path: '/x', syscall: 'open' });
  });
});
