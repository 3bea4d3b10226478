import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  assembleRoots, discoverRoots, dockerRuntimeArgs, lookedAt, validateProfile, type KnownLocations, type RootProfile,
} from '../../../electron/desk/roots';
import type { Settings } from '../../../shared/model';
import { caps2022, capsCurrent } from './caps';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-roots-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('validateProfile', () => {
  const caps = caps2022();

  it('keeps known global flags, bool bare and values with =', async () => {
    expect(validateProfile(['--network=none', '--debug', '--platform=ptrace', '--debug-log=/tmp/logs/'], caps)).toEqual({
      valid: ['--network=none', '--debug', '--platform=ptrace', '--debug-log=/tmp/logs/'],
      problems: [],
    });
  });

  it('writes a single-dash flag with two dashes', async () => {
    expect(validateProfile(['-network=none', '-debug'], caps).valid).toEqual(['--network=none', '--debug']);
  });

  it('reports an unknown global flag and leaves it out', async () => {
    const { valid, problems } = validateProfile(['--network=none', '--bogus=1'], caps);
    expect(valid).toEqual(['--network=none']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('--bogus');
    expect(problems[0]).toContain('0.0~20221219.0');
  });

  it('knows the flags only current runsc has', async () => {
    expect(validateProfile(['--nvproxy'], caps).problems).toHaveLength(1);
    expect(validateProfile(['--nvproxy'], capsCurrent())).toEqual({ valid: ['--nvproxy'], problems: [] });
  });

  it('refuses --root, with or without caps', async () => {
    for (const c of [caps, null]) {
      const { valid, problems } = validateProfile(['--root=/x', '--network=none'], c);
      expect(valid).toEqual(['--network=none']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('--root');
    }
  });

  it('wants a value for a value flag', async () => {
    for (const flag of ['--network', '--platform', '--debug-log']) {
      const { valid, problems } = validateProfile([flag], caps);
      expect(valid, flag).toEqual([]);
      expect(problems[0]).toContain(flag);
      expect(problems[0]).toContain('needs a value');
    }
  });

  it('passes everything but --root when there are no caps', async () => {
    expect(validateProfile(['--anything=1', '--network', '-x'], null)).toEqual({ valid: ['--anything=1', '--network', '-x'], problems: [] });
  });
});

describe('dockerRuntimeArgs', () => {
  const write = (content: unknown) => {
    const path = join(dir, 'daemon.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('reads runtimes.runsc.runtimeArgs', async () => {
    const path = write({ runtimes: { runsc: { path: '/usr/bin/runsc', runtimeArgs: ['--network=none', '--platform=systrap'] } } });
    expect(await dockerRuntimeArgs(host, path)).toEqual(['--network=none', '--platform=systrap']);
  });

  it('takes a runtime with another name whose path ends in runsc, and skips runc', async () => {
    const path = write({
      'default-runtime': 'runc',
      runtimes: {
        'nvidia': { path: '/usr/bin/nvidia-container-runtime', runtimeArgs: ['--debug'] },
        gvisor: { path: '/usr/local/bin/runsc', runtimeArgs: ['--nvproxy', '--network=none'] },
      },
    });
    expect(await dockerRuntimeArgs(host, path)).toEqual(['--nvproxy', '--network=none']);
  });

  it('gives [] for a runsc runtime without args, no runtimes, malformed JSON or a missing file', async () => {
    expect(await dockerRuntimeArgs(host, write({ runtimes: { runsc: { path: '/usr/bin/runsc' } } }))).toEqual([]);
    expect(await dockerRuntimeArgs(host, write({ 'log-level': 'debug' }))).toEqual([]);
    expect(await dockerRuntimeArgs(host, write('{"runtimes": {"runsc": {'))).toEqual([]);
    expect(await dockerRuntimeArgs(host, write('null'))).toEqual([]);
    expect(await dockerRuntimeArgs(host, join(dir, 'nope', 'daemon.json'))).toEqual([]);
  });
});

describe('discoverRoots', () => {
  function locations(): KnownLocations {
    const mk = (...parts: string[]) => {
      const p = join(dir, ...parts);
      mkdirSync(p, { recursive: true });
      return p;
    };
    const runsc = mk('var', 'run', 'runsc');
    const moby = mk('var', 'run', 'docker', 'runtime-runc', 'moby');
    mk('run', 'containerd', 'runsc', 'k8s.io');
    mk('run', 'containerd', 'runsc', 'default');
    writeFileSync(join(dir, 'run', 'containerd', 'runsc', 'not-a-namespace'), '');
    mk('xdg', 'runsc');
    writeFileSync(join(dir, 'daemon.json'), JSON.stringify({ runtimes: { runsc: { path: '/usr/bin/runsc', runtimeArgs: ['--network=none'] } } }));
    return {
      fixed: [runsc, moby, join(dir, 'var', 'run', 'docker', 'runtime-runsc', 'moby')],
      containerdParent: join(dir, 'run', 'containerd', 'runsc'),
      dockerDaemonJson: join(dir, 'daemon.json'),
      xdgRuntimeDir: join(dir, 'xdg'),
    };
  }

  it('finds the locations that exist, with their sources and the docker profile', async () => {
    const loc = locations();
    const found = (await discoverRoots(host, loc));
    const summary = found.map((r) => [r.path.slice(dir.length), r.source, r.requestedFlags, r.profileSource, r.removable]);
    expect(summary.slice(0, 2)).toEqual([
      ['/var/run/runsc', 'default', [], 'none', false],
      ['/var/run/docker/runtime-runc/moby', 'docker', ['--network=none'], 'docker-daemon.json', false],
    ]);
    expect(summary.slice(2, 4).sort()).toEqual([
      ['/run/containerd/runsc/default', 'containerd', [], 'none', false],
      ['/run/containerd/runsc/k8s.io', 'containerd', [], 'none', false],
    ]);
    expect(summary[4]).toEqual(['/xdg/runsc', 'user-runtime', [], 'none', false]);
    expect(found).toHaveLength(5);
    // A Docker root is bound to Docker's runsc runtime; the others to the default runsc.
    expect(found.map((r) => r.runsc)).toEqual([null, '/usr/bin/runsc', null, null, null]);
  });

  it('gives a docker root no profile when daemon.json has none', async () => {
    const loc = { ...locations(), dockerDaemonJson: join(dir, 'missing.json') };
    const docker = (await discoverRoots(host, loc)).find((r) => r.source === 'docker');
    expect(docker).toMatchObject({ requestedFlags: [], profileSource: 'none' });
  });

  it('finds nothing where nothing exists', async () => {
    const loc: KnownLocations = { fixed: [join(dir, 'a')], containerdParent: join(dir, 'b'), dockerDaemonJson: join(dir, 'c'), xdgRuntimeDir: undefined };
    expect((await discoverRoots(host, loc))).toEqual([]);
  });

  it('skips a fixed location that is a file', async () => {
    writeFileSync(join(dir, 'file'), '');
    expect(await discoverRoots(host, { fixed: [join(dir, 'file')], containerdParent: join(dir, 'b'), dockerDaemonJson: join(dir, 'c'), xdgRuntimeDir: dir })).toEqual([]);
  });

  it('lists where it looked', async () => {
    const loc: KnownLocations = { fixed: ['/a', '/b'], containerdParent: '/c', dockerDaemonJson: '/d', xdgRuntimeDir: '/run/user/1000' };
    expect(lookedAt(loc)).toEqual(['/a', '/b', '/c/<namespace>', '/run/user/1000/runsc']);
    expect(lookedAt({ ...loc, xdgRuntimeDir: undefined })).toEqual(['/a', '/b', '/c/<namespace>']);
  });
});

describe('assembleRoots', () => {
  const discovered: RootProfile[] = [
    { path: '/var/run/runsc', source: 'default', requestedFlags: [], profileSource: 'none', removable: false, runsc: null },
    { path: '/var/run/docker/runtime-runc/moby', source: 'docker', requestedFlags: ['--network=none'], profileSource: 'docker-daemon.json', removable: false, runsc: '/usr/bin/runsc' },
  ];
  const settings = (patch: Partial<Settings> = {}): Settings =>
    ({ runscPath: null, privilege: 'none', userRoots: [], profiles: {}, imageDirs: [], ...patch }) as Settings;

  it('puts the Desk root first with --network=none, then the discovered ones', async () => {
    const roots = assembleRoots(discovered, '/data/desk/root', settings());
    expect(roots[0]).toEqual({ path: '/data/desk/root', source: 'desk', requestedFlags: ['--network=none'], profileSource: 'desk', removable: false, runsc: null });
    expect(roots.slice(1)).toEqual(discovered);
  });

  it('keeps the Desk root when discovery finds the same path', async () => {
    const roots = assembleRoots(discovered, '/var/run/runsc', settings());
    expect(roots).toHaveLength(2);
    expect(roots[0]).toMatchObject({ path: '/var/run/runsc', source: 'desk', requestedFlags: ['--network=none'] });
  });

  it('adds user roots, removable, with their flags', async () => {
    const roots = assembleRoots(discovered, '/d', settings({ userRoots: [{ path: '/home/me/roots/a', globalFlags: ['--platform=ptrace'] }] }));
    expect(roots.map((r) => r.path)).toEqual(['/d', '/var/run/runsc', '/var/run/docker/runtime-runc/moby', '/home/me/roots/a']);
    expect(roots[3]).toEqual({ path: '/home/me/roots/a', source: 'user', requestedFlags: ['--platform=ptrace'], profileSource: 'user', removable: true, runsc: null });
  });

  it('binds a user root to the runsc the user chose', async () => {
    const roots = assembleRoots(discovered, '/d', settings({ userRoots: [{ path: '/home/me/roots/b', globalFlags: [], runsc: '/opt/runsc-20240729/usr/bin/runsc' }] }));
    expect(roots.at(-1)).toMatchObject({ path: '/home/me/roots/b', runsc: '/opt/runsc-20240729/usr/bin/runsc' });
  });

  it('applies profile overrides to known roots and ignores others', async () => {
    const roots = assembleRoots(discovered, '/d', settings({
      profiles: { '/var/run/runsc': ['--network=none', '--debug'], '/d': ['--network=none', '--platform=ptrace'], '/nowhere': ['--debug'] },
    }));
    expect(roots.map((r) => r.path)).toEqual(['/d', '/var/run/runsc', '/var/run/docker/runtime-runc/moby']);
    expect(roots[0]).toMatchObject({ source: 'desk', requestedFlags: ['--network=none', '--platform=ptrace'], profileSource: 'user' });
    expect(roots[1]).toMatchObject({ source: 'default', requestedFlags: ['--network=none', '--debug'], profileSource: 'user', removable: false });
    expect(roots[2]).toEqual(discovered[1]);
  });

  it('does not change the discovered profiles it was given', async () => {
    const copy = structuredClone(discovered);
    assembleRoots(discovered, '/d', settings({ profiles: { '/var/run/runsc': ['--debug'] } }));
    expect(discovered).toEqual(copy);
  });
});
