import { describe, expect, it } from 'vitest';
import { missingFromProfile, sandboxGlobalFlags } from '../../../electron/desk/checkpoint/sandbox-flags';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

describe('missingFromProfile', () => {
  it('reports the significant flags the profile lacks', () => {
    const sandbox = ['--root=/var/run/runsc', '--network=none', '--debug', '--debug-log=/tmp/d/', '--platform=systrap', '--log-format=text'];
    expect(missingFromProfile(sandbox, ['--network=none'])).toEqual(['--platform=systrap']);
    expect(missingFromProfile(sandbox, [])).toEqual(['--network=none', '--platform=systrap']);
  });

  it('reports a significant flag the profile sets differently', () => {
    expect(missingFromProfile(['--network=none', '--overlay2=root:memory'], ['--network=sandbox', '--overlay2=root:memory'])).toEqual(['--network=none']);
    expect(missingFromProfile(['--overlay2=none'], ['--overlay2=root:self'])).toEqual(['--overlay2=none']);
  });

  it('reports nothing when the profile agrees', () => {
    expect(missingFromProfile(['--network=none', '--platform=ptrace'], ['--platform=ptrace', '--network=none', '--debug'])).toEqual([]);
    expect(missingFromProfile([], ['--network=none'])).toEqual([]);
  });

  it('reads a bare bool as =true on either side, and single dashes', () => {
    expect(missingFromProfile(['--nvproxy'], ['--nvproxy=true'])).toEqual([]);
    expect(missingFromProfile(['--nvproxy=true'], ['--nvproxy'])).toEqual([]);
    expect(missingFromProfile(['-network=none'], ['--network=none'])).toEqual([]);
    expect(missingFromProfile(['--nvproxy'], [])).toEqual(['--nvproxy']);
    expect(missingFromProfile(['--nvproxy=false'], ['--nvproxy'])).toEqual(['--nvproxy=false']);
  });

  it('ignores flags that do not change a checkpoint', () => {
    expect(missingFromProfile(['--debug', '--strace', '--log=/x', '--root=/r'], [])).toEqual([]);
  });
});

describe('sandboxGlobalFlags', () => {
  it('gives null for a process that is not a runsc sandbox, or none at all', async () => {
    expect(await sandboxGlobalFlags(host, process.pid)).toBeNull();
    expect(await sandboxGlobalFlags(host, 2 ** 22 + 12345)).toBeNull();
  });
});
