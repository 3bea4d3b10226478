// Who the helper works for, and where the service runs.
import { describe, expect, it } from 'vitest';
import { helperLaunch, startFailure } from '../../../electron/helper/launch';
import { placeDesk } from '../../../electron/helper/open-desk';
import { ownerFromEnv } from '../../../electron/helper/owner';

describe('where the Desk runs', () => {
  it('as root: in this process, as before, whatever the privilege', () => {
    expect(placeDesk(0, undefined, undefined)).toEqual({ where: 'in-process', privilege: 'none' });
    expect(placeDesk(0, 'sudo', undefined)).toEqual({ where: 'in-process', privilege: 'sudo' });
  });

  it('as a person: in the helper, by the flag, else the saved setting, else sudo; none keeps it here', () => {
    expect(placeDesk(1000, undefined, undefined)).toEqual({ where: 'helper', privilege: 'sudo' });
    expect(placeDesk(1000, undefined, 'pkexec')).toEqual({ where: 'helper', privilege: 'pkexec' });
    expect(placeDesk(1000, 'sudo', 'pkexec')).toEqual({ where: 'helper', privilege: 'sudo' });
    expect(placeDesk(1000, 'none', 'sudo')).toEqual({ where: 'in-process', privilege: 'none' });
  });

  it('starts the helper with sudo -n (never a prompt) or pkexec, by its absolute path', () => {
    const opts = { helperPath: '/opt/d/desk-helper.cjs', dataDir: '/home/a/d', runscPath: '/usr/bin/runsc' };
    expect(helperLaunch('sudo', opts)).toMatchObject({
      command: 'sudo',
      args: ['-n', '/opt/d/desk-helper.cjs', '--data-dir', '/home/a/d', '--privilege', 'sudo', '--runsc', '/usr/bin/runsc'],
    });
    expect(helperLaunch('pkexec', { ...opts, runscPath: undefined }).args).toEqual(['/opt/d/desk-helper.cjs', '--data-dir', '/home/a/d', '--privilege', 'pkexec']);
  });

  it('an early exit that is neither sudo nor pkexec refusing is INTERNAL, with the helper\'s last words', () => {
    const launch = helperLaunch('sudo', { helperPath: '/h/desk-helper.cjs', dataDir: '/d' });
    const error = startFailure(launch, { code: 1, signal: null }, 'desk-helper[9]: cannot start: EROFS: read-only file system\n');
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('EROFS') });
  });
});

describe('the owner of what the helper writes', () => {
  it('is the person who ran sudo or pkexec; nobody when root started it', () => {
    expect(ownerFromEnv({ SUDO_UID: '1001', SUDO_GID: '1002' })).toEqual({ uid: 1001, gid: 1002 });
    expect(ownerFromEnv({ PKEXEC_UID: '1003' }, (uid) => (uid === 1003 ? 50 : null))).toEqual({ uid: 1003, gid: 50 });
    expect(ownerFromEnv({ SUDO_UID: '0', SUDO_GID: '0' })).toBeUndefined();
    expect(ownerFromEnv({})).toBeUndefined();
    expect(ownerFromEnv({ SUDO_UID: 'x' })).toBeUndefined();
  });

  it('refuses to guess a group it cannot find', () => {
    expect(() => ownerFromEnv({ PKEXEC_UID: '4242' }, () => null)).toThrow(/primary group of uid 4242/);
  });
});
