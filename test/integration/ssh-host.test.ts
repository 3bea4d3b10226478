// The Host contract, proved twice: every call against LocalHost and against SshHost (a
// real sshd in a network namespace on this machine, which shares this file system and
// pid space, so both hosts see the same files and a remote pid can be checked here).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/errors';
import type { HostInfo, HostTest, Settings } from '../../shared/model';
import { createDesk, dispatch, type DeskService } from '../../electron/desk/index';
import { checkPaths, errorCode, type Host } from '../../electron/desk/host/host';
import { LocalHost } from '../../electron/desk/host/local-host';
import { SshHost } from '../../electron/desk/host/ssh-host';
import { controlDir } from '../../electron/desk/host/ssh/ssh-options';
import { requireSshd, startSshd, type TestSshd } from '../support/sshd';
import { until } from '../support/processes';

const enabled = requireSshd();
let sshd: TestSshd;
let dataDir: string;
let ssh: SshHost;

beforeAll(async () => {
  if (!enabled) return;
  sshd = await startSshd('host');
  dataDir = mkdtempSync(join(tmpdir(), 'desk-sshdata-'));
  ssh = new SshHost({ name: 'gpu-a', target: sshd.alias, configFile: sshd.configFile, controlDir: controlDir(dataDir) });
});

afterAll(async () => {
  await ssh?.close();
  await sshd?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const hosts: [string, () => Host][] = [
  ['LocalHost', () => new LocalHost()],
  ['SshHost', () => ssh],
];

describe.runIf(enabled).each(hosts)('%s keeps the Host contract', (_label, hostOf) => {
  let host: Host;
  let dir: string;
  beforeEach(() => {
    host = hostOf();
    dir = mkdtempSync(join(tmpdir(), 'desk-contract-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('run: streams each line of each stream as it comes, and reports the exit', async () => {
    const lines: [string, string][] = [];
    const result = await host.run({ argv: ['/bin/sh', '-c', 'echo a; echo b >&2; printf "c d"; exit 3'], onLine: (s, t) => lines.push([s, t]) });
    expect(result.exitCode).toBe(3);
    expect(lines).toEqual(expect.arrayContaining([['stdout', 'a'], ['stderr', 'b'], ['stdout', 'c d']]));
    expect(lines).toHaveLength(3);
    expect(result.stderr).toBe('b\n');
    expect(result.spawnError).toBeNull();
  });

  it('run: keeps output whole when not streamed, passes env, and quotes every word', async () => {
    const odd = `it's "$HOME" ; $(touch ${join(dir, 'pwned')}) \`x\` \\ *`;
    const result = await host.run({ argv: ['/bin/sh', '-c', 'printf "%s|%s" "$1" "$DESK_X"', 'sh', odd], env: { DESK_X: 'a b\'c' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(`${odd}|a b'c`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('run: names a program that cannot start', async () => {
    const result = await host.run({ argv: [join(dir, 'none')] });
    expect(result.spawnError).toContain('ENOENT');
    expect(result.exitCode).toBeNull();
  });

  it('run: a detached run writes to its output file, read back into stderr', async () => {
    const file = join(dir, 'out.log');
    writeFileSync(file, 'before\n', { mode: 0o600 });
    const result = await host.run({ argv: ['/bin/sh', '-c', 'echo said >&2; echo out; exit 1'], outputFile: file });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('said\nout\n');
    expect(readFileSync(file, 'utf8')).toBe('before\nsaid\nout\n');
  });

  it('run: cancelling ends the process itself, not just the transport', async () => {
    const pidFile = join(dir, 'pid');
    const controller = new AbortController();
    const running = host.run({ argv: ['/bin/sh', '-c', `echo $$ > ${pidFile}; exec sleep 60`], signal: controller.signal, onLine: () => undefined });
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'))).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    const started = Date.now();
    controller.abort();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await until(() => !alive(pid))).toBe(true);
  });

  it('run: a timeout ends the process, escalating to SIGKILL after the grace', async () => {
    const pidFile = join(dir, 'pid');
    const result = await host.run({
      argv: ['/bin/sh', '-c', `trap '' TERM; echo $$ > ${pidFile}; while :; do sleep 0.1; done`],
      timeoutMs: 500,
      killGraceMs: 300,
    });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    expect(await until(() => !alive(Number(readFileSync(pidFile, 'utf8'))))).toBe(true);
  });

  it('runPipe: streams bytes in and out unchanged, and says how it ended', async () => {
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    const pipe = await host.runPipe!({ argv: ['/bin/sh', '-c', 'cat; echo done >&2; exit 4'] });
    const out: Buffer[] = [];
    pipe.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    pipe.stdin.end(bytes);
    const exit = await pipe.done;
    expect(Buffer.concat(out).equals(bytes)).toBe(true);
    expect(exit).toMatchObject({ exitCode: 4, cancelled: false, spawnError: null });
    expect(exit.stderr).toBe('done\n');
  });

  it('runPipe: a cancel ends the process itself', async () => {
    const controller = new AbortController();
    const pipe = await host.runPipe!({ argv: ['/bin/sh', '-c', 'echo $$; exec sleep 300'], signal: controller.signal, killGraceMs: 500 });
    let first = '';
    pipe.stdout.on('data', (chunk: Buffer) => (first += chunk.toString()));
    expect(await until(() => first.includes('\n'))).toBe(true);
    const pid = Number(first.trim());
    expect(alive(pid)).toBe(true);
    controller.abort();
    const exit = await pipe.done;
    expect(exit.cancelled).toBe(true);
    expect(await until(() => !alive(pid))).toBe(true);
  });

  it('stat: kinds, size, mode, owner; follows links unless told; ENOENT when missing', async () => {
    writeFileSync(join(dir, 'f'), 'hello', { mode: 0o640 });
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    const f = await host.stat(join(dir, 'f'));
    const local = statSync(join(dir, 'f'));
    expect(f).toMatchObject({ kind: 'file', size: 5, mode: local.mode, uid: local.uid, gid: local.gid, fileId: `${local.dev}:${local.ino}` });
    // Through a link, the same file.
    expect((await host.stat(join(dir, 'l'))).fileId).toBe(f.fileId);
    expect(Math.abs(f.mtimeMs - local.mtimeMs)).toBeLessThan(2);
    expect((await host.stat(dir)).kind).toBe('dir');
    expect((await host.stat(join(dir, 'l'))).kind).toBe('file');
    expect((await host.stat(join(dir, 'l'), { noFollow: true })).kind).toBe('symlink');
    expect(errorCode(await rejection(host.stat(join(dir, 'missing'))))).toBe('ENOENT');
    expect(errorCode(await rejection(host.stat(join(dir, 'f', 'under'))))).toBe('ENOTDIR');
  });

  it('checkPaths: each path its stat and execute check, or its errno, in order, odd names included', async () => {
    const odd = join(dir, "it's \"odd\"\nwith a newline $(x)");
    writeFileSync(join(dir, 'x'), 'run', { mode: 0o755 });
    writeFileSync(join(dir, 'plain'), 'hello', { mode: 0o644 });
    writeFileSync(odd, '');
    symlinkSync(join(dir, 'x'), join(dir, 'l'));
    const paths = [join(dir, 'x'), join(dir, 'missing'), dir, join(dir, 'plain'), join(dir, 'plain', 'under'), join(dir, 'l'), odd];
    const checks = await checkPaths(host, paths);
    expect(checks.map((c) => c.path)).toEqual(paths);
    expect(checks.map((c) => [c.stat?.kind ?? null, c.executable, c.error?.code ?? null])).toEqual([
      ['file', true, null],
      [null, false, 'ENOENT'],
      ['dir', true, null],
      ['file', false, null],
      [null, false, 'ENOTDIR'],
      ['file', true, null],
      ['file', false, null],
    ]);
    const local = statSync(join(dir, 'plain'));
    expect(checks[3]!.stat).toMatchObject({ size: 5, mode: local.mode, uid: local.uid, gid: local.gid });
    expect(Math.abs(checks[3]!.stat!.mtimeMs - local.mtimeMs)).toBeLessThan(2);
    expect(await checkPaths(host, [])).toEqual([]);
  });

  it('access: write means write and enter; execute', async () => {
    writeFileSync(join(dir, 'x'), '', { mode: 0o755 });
    writeFileSync(join(dir, 'plain'), '', { mode: 0o644 });
    expect(await host.access(dir, 'write')).toBe(true);
    expect(await host.access(join(dir, 'x'), 'execute')).toBe(true);
    expect(await host.access(join(dir, 'plain'), 'execute')).toBe(false);
    expect(await host.access(join(dir, 'missing'), 'write')).toBe(false);
  });

  it('readdir: every entry with its own kind, odd names and hidden ones included', async () => {
    const names = ['plain', '.hidden', '..dots', "it's a \"file\"\nwith a newline", '-dash', '*'];
    for (const name of names) writeFileSync(join(dir, name), '');
    mkdirSync(join(dir, 'sub'));
    symlinkSync('/nowhere', join(dir, 'dangling'));
    const entries = await host.readdir(dir);
    expect(entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [...names.map((name) => ({ name, kind: 'file' })), { name: 'sub', kind: 'dir' }, { name: 'dangling', kind: 'symlink' }].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
    expect(await host.readdir(join(dir, 'sub'))).toEqual([]);
    expect(errorCode(await rejection(host.readdir(join(dir, 'missing'))))).toBe('ENOENT');
    expect(errorCode(await rejection(host.readdir(join(dir, 'plain'))))).toBe('ENOTDIR');
  });

  it('readRange: exact binary bytes from an offset, fewer at the end', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    writeFileSync(join(dir, 'bin'), bytes);
    expect((await host.readRange(join(dir, 'bin'), 1000, 300)).equals(bytes.subarray(1000, 1300))).toBe(true);
    expect((await host.readRange(join(dir, 'bin'), 0, 16)).equals(bytes.subarray(0, 16))).toBe(true);
    expect((await host.readRange(join(dir, 'bin'), 4000, 500)).equals(bytes.subarray(4000))).toBe(true);
    expect(await host.readRange(join(dir, 'bin'), 5000, 10)).toHaveLength(0);
    expect(errorCode(await rejection(host.readRange(join(dir, 'missing'), 0, 1)))).toBe('ENOENT');
    expect(errorCode(await rejection(host.readRange(dir, 0, 1)))).toBe('EISDIR');
  });

  it('readFile: the text; ENOENT when missing', async () => {
    writeFileSync(join(dir, 't'), 'héllo\nwörld\n');
    expect(await host.readFile(join(dir, 't'))).toBe('héllo\nwörld\n');
    expect(errorCode(await rejection(host.readFile(join(dir, 'missing'))))).toBe('ENOENT');
  });

  it('mkdir: one folder or a chain; EEXIST and ENOENT as fs says', async () => {
    await host.mkdir(join(dir, 'one'), { mode: 0o700 });
    expect(statSync(join(dir, 'one')).mode & 0o777).toBe(0o700);
    await host.mkdir(join(dir, 'a', 'b', 'c'), { recursive: true });
    expect(statSync(join(dir, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await host.mkdir(join(dir, 'a', 'b', 'c'), { recursive: true });
    expect(errorCode(await rejection(host.mkdir(join(dir, 'one'))))).toBe('EEXIST');
    expect(errorCode(await rejection(host.mkdir(join(dir, 'x', 'y'))))).toBe('ENOENT');
  });

  it('writeFileAtomic: the whole content, the mode, the folder made, no temp left', async () => {
    const path = join(dir, "new folder", "it's.json");
    await host.writeFileAtomic(path, '{"a":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await host.writeFileAtomic(path, 'second', 0o644);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(dir, 'new folder'))).toEqual(["it's.json"]);
  });

  it('openAppend: creates with the mode, reports the size it found, appends in order', async () => {
    const path = join(dir, 'log');
    const first = await host.openAppend(path);
    expect(first.startSize).toBe(0);
    first.write('one\n');
    first.write('two\n');
    // Written behind write(): close() resolves once every write has landed.
    await first.close();
    expect(await host.readFile(path)).toBe('one\ntwo\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = await host.openAppend(path);
    expect(second.startSize).toBe(8);
    second.write('three\n');
    await second.close();
    expect(() => second.write('late')).toThrow();
    expect(await host.readFile(path)).toBe('one\ntwo\nthree\n');
  });

  it('copyFile and remove: a file, an empty folder, a tree; missing and non-empty refused', async () => {
    writeFileSync(join(dir, 'src'), 'data');
    await host.copyFile(join(dir, 'src'), join(dir, 'dst'));
    expect(readFileSync(join(dir, 'dst'), 'utf8')).toBe('data');
    await host.remove(join(dir, 'dst'));
    expect(existsSync(join(dir, 'dst'))).toBe(false);
    mkdirSync(join(dir, 'tree', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'deep', 'f'), '');
    expect(errorCode(await rejection(host.remove(join(dir, 'tree'))))).toBe('ENOTEMPTY');
    await host.remove(join(dir, 'tree'), { recursive: true });
    expect(existsSync(join(dir, 'tree'))).toBe(false);
    mkdirSync(join(dir, 'empty'));
    await host.remove(join(dir, 'empty'));
    expect(existsSync(join(dir, 'empty'))).toBe(false);
    symlinkSync(join(dir, 'src'), join(dir, 'link'));
    await host.remove(join(dir, 'link'));
    expect(() => lstatSync(join(dir, 'link'))).toThrow();
    expect(readFileSync(join(dir, 'src'), 'utf8')).toBe('data');
    expect(errorCode(await rejection(host.remove(join(dir, 'missing'))))).toBe('ENOENT');
    expect(errorCode(await rejection(host.copyFile(join(dir, 'missing'), join(dir, 'x'))))).toBe('ENOENT');
  });

  it('freeBytes: what statfs says is free to this user', async () => {
    const free = await host.freeBytes(dir);
    const [avail, size] = execFileSync('stat', ['-f', '-c', '%a %S', dir], { encoding: 'utf8' }).trim().split(' ').map(Number);
    expect(Math.abs(free - avail! * size!)).toBeLessThan(64 * 1024 * 1024);
    expect(free).toBeGreaterThan(0);
  });
});

describe.runIf(enabled)('SshHost over OpenSSH', () => {
  it('keeps one master connection, its socket in the data dir', async () => {
    await ssh.stat('/');
    const sockets = readdirSync(controlDir(dataDir));
    expect(sockets).toHaveLength(1);
    expect(statSync(controlDir(dataDir)).mode & 0o777).toBe(0o700);
    execFileSync('ssh', ['-F', sshd.configFile, '-o', `ControlPath=${join(controlDir(dataDir), sockets[0]!)}`, '-O', 'check', sshd.alias], { stdio: 'pipe' });
  });

  it("searchPath: the PATH a command run over the connection gets, asked once", async () => {
    const viaSsh = execFileSync('ssh', ['-F', sshd.configFile, sshd.alias, 'printf %s "$PATH"'], { encoding: 'utf8' });
    const path = await ssh.searchPath!();
    expect(path).toBe(viaSsh);
    expect(path.split(':')).toContain('/usr/bin');
    await expect(ssh.searchPath!()).resolves.toBe(path);
  });

  it('totalMemory and userId: the server\'s own (the test host shares this kernel, and logs in as root)', async () => {
    const kib = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    await expect(ssh.totalMemory!()).resolves.toBe(kib * 1024);
    await expect(ssh.userId!()).resolves.toBe(0);
  });

  it('runs more calls at once than sshd allows sessions, by queueing', async () => {
    const results = await Promise.all(Array.from({ length: 24 }, () => ssh.run({ argv: ['/bin/sh', '-c', 'sleep 0.2; echo ok'] })));
    expect(results.map((r) => r.stdout)).toEqual(Array(24).fill('ok\n'));
  });

  it('a refused connection is a DeskError with ssh own words, at once, never a prompt', async () => {
    const host = new SshHost({ name: 'down', target: sshd.refusedAlias, configFile: sshd.configFile, controlDir: controlDir(dataDir) });
    const started = Date.now();
    const error = (await rejection(host.stat('/'))) as DeskError;
    expect(error).toBeInstanceOf(DeskError);
    expect(error.details).toMatchObject({ reason: 'unreachable', host: 'down', target: sshd.refusedAlias });
    expect(error.details?.stderr).toContain('Connection refused');
    expect(error.message).toContain('unreachable');
    expect(error.message).toContain(`ssh ${sshd.refusedAlias}`);
    expect(Date.now() - started).toBeLessThan(5000);
    // Runs fail the same way, rather than looking like a program that exited 255.
    expect(((await rejection(host.run({ argv: ['true'] }))) as DeskError).details?.reason).toBe('unreachable');
  });

  it('a key the server does not know is refused with ssh words, and says what to do', async () => {
    const host = new SshHost({ name: 'nokey', target: sshd.wrongKeyAlias, configFile: sshd.configFile, controlDir: controlDir(dataDir) });
    const error = (await rejection(host.readFile('/etc/hostname'))) as DeskError;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.details?.reason).toBe('auth');
    expect(error.details?.stderr).toContain('Permission denied (publickey)');
    expect(error.message).toContain('never prompts');
  });

  it('a changed host key is refused loudly, never accepted', async () => {
    const knownHosts = join(sshd.dir, 'known_hosts');
    const saved = readFileSync(knownHosts, 'utf8');
    try {
      const other = readFileSync(join(sshd.dir, 'stranger_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      writeFileSync(knownHosts, `${sshd.address} ${other}\n`);
      const host = new SshHost({ name: 'moved', target: sshd.alias, configFile: sshd.configFile, controlDir: join(dataDir, 'other') });
      const error = (await rejection(host.stat('/'))) as DeskError;
      expect(error.details?.reason).toBe('host-key');
      expect(error.details?.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      writeFileSync(knownHosts, saved);
    }
  });

  it('close ends the master; the next call opens a new one', async () => {
    await ssh.close();
    expect(readdirSync(controlDir(dataDir))).toEqual([]);
    expect((await ssh.stat('/')).kind).toBe('dir');
  });
});

describe.runIf(enabled)('hosts, through the composed Desk', () => {
  let work: string;
  let desk: DeskService;
  const call = <T>(method: string, payload: unknown = {}) => dispatch(desk, method, payload) as Promise<T>;
  const start = () =>
    createDesk({
      dataDir: join(work, 'data'),
      privilege: 'none',
      locations: { fixed: [], containerdParent: join(work, 'containerd'), dockerDaemonJson: join(work, 'daemon.json'), xdgRuntimeDir: undefined },
    });
  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'desk-hosts-'));
    desk = await start();
    return async () => {
      await desk.close();
      rmSync(work, { recursive: true, force: true });
    };
  });

  it('adds a host by its ssh name, keeps it across a restart, and removes it', async () => {
    expect(await call<HostInfo[]>('listHosts')).toEqual([{ name: 'local', target: null }]);
    const added = await call<HostInfo[]>('addHost', { name: 'gpu-a', target: sshd.alias });
    expect(added).toEqual([{ name: 'local', target: null }, { name: 'gpu-a', target: sshd.alias }]);
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await desk.close();
    desk = await start();
    expect(await call<HostInfo[]>('listHosts')).toEqual(added);
    expect((await call<Settings>('getSettings')).sshConfigFile).toBe(sshd.configFile);
    await expect(call('addHost', { name: 'gpu-a', target: 'other' })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'name' } });
    expect(await call<HostInfo[]>('removeHost', { name: 'gpu-a' })).toEqual([{ name: 'local', target: null }]);
    await expect(call('removeHost', { name: 'gpu-a' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('testHost connects and reports runsc, root, the privilege mode, and room for images', async () => {
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'gpu-a', target: sshd.alias });
    const test = await call<HostTest>('testHost', { name: 'gpu-a' });
    const runsc = execFileSync('sh', ['-c', 'command -v runsc'], { encoding: 'utf8' }).trim();
    const version = execFileSync(runsc, ['--version'], { encoding: 'utf8' }).split('\n')[0]!.replace('runsc version ', '');
    expect(test).toMatchObject({
      name: 'gpu-a',
      target: sshd.alias,
      reachable: true,
      error: null,
      uid: 0,
      root: true,
      privilege: 'none',
      runsc: { path: runsc, version },
    });
    // The remote user is root there: its data dir is root's, under /root.
    expect(test.imageDirs).toEqual([{ path: '/root/.local/share/checkpoint-desk/images', exists: expect.any(Boolean), freeBytes: expect.any(Number) }]);
    expect(test.imageDirs[0]!.freeBytes).toBeGreaterThan(0);
    // The master connection lives in this Desk's data dir.
    expect(readdirSync(controlDir(join(work, 'data')))).toHaveLength(1);
  });

  it('testHost of an unreachable host says so in ssh words; the local view keeps working', async () => {
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'down', target: sshd.refusedAlias });
    const test = await call<HostTest>('testHost', { name: 'down' });
    expect(test).toMatchObject({ reachable: false, runsc: null, error: { details: { reason: 'unreachable' } } });
    expect(test.error?.details?.stderr).toContain('Connection refused');
    expect((await call<HostTest>('testHost', { name: 'local' })).reachable).toBe(true);
    expect(await call('listContainers')).toBeDefined();
  });

  it('an unknown host key is shown by its fingerprint, and stored only when accepted', async () => {
    const knownHosts = join(sshd.dir, 'known_hosts_strict');
    rmSync(knownHosts, { force: true });
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'fresh', target: sshd.strictAlias });
    const refused = await call<HostTest>('testHost', { name: 'fresh' });
    expect(refused).toMatchObject({ reachable: false, error: { details: { reason: 'host-key' } }, hostKey: { status: 'unknown' } });
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', join(sshd.dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1]!;
    expect(refused.hostKey!.fingerprints.join('\n')).toContain(fingerprint);
    expect(existsSync(knownHosts) && readFileSync(knownHosts, 'utf8').trim()).toBeFalsy();
    const accepted = await call<HostTest>('testHost', { name: 'fresh', acceptHostKey: true });
    expect(accepted).toMatchObject({ reachable: true, error: null });
    expect(readFileSync(knownHosts, 'utf8')).toContain('ssh-ed25519');
  });

  it('a changed host key is refused through the Desk even when acceptHostKey is sent', async () => {
    const knownHosts = join(sshd.dir, 'known_hosts_strict');
    const other = readFileSync(join(sshd.dir, 'stranger_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `${sshd.address} ${other}\n`);
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'moved', target: sshd.strictAlias });
    const test = await call<HostTest>('testHost', { name: 'moved', acceptHostKey: true });
    expect(test).toMatchObject({ reachable: false, error: { code: 'FORBIDDEN', details: { reason: 'host-key' } }, hostKey: { status: 'changed' } });
    expect(readFileSync(knownHosts, 'utf8')).toBe(`${sshd.address} ${other}\n`);
    await expect(call('addHost', { name: 'moved-2', target: sshd.strictAlias, acceptHostKey: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await call<HostInfo[]>('listHosts')).map((h) => h.name)).not.toContain('moved-2');
  });

  it('routes calls by host: a remote host lists its own roots, and an unreachable one is named in the all-hosts list', async () => {
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'gpu-a', target: sshd.alias });
    await call('addHost', { name: 'down', target: sshd.refusedAlias });
    const remote = await call<{ host: string; roots: { host: string; path: string }[] }>('getOverview', { host: 'gpu-a' });
    expect(remote.host).toBe('gpu-a');
    expect(remote.roots.map((r) => r.path)).toContain('/root/.local/share/checkpoint-desk/root');
    expect(remote.roots.every((r) => r.host === 'gpu-a')).toBe(true);
    const all = await call<{ hosts: { name: string; reachable: boolean; error: { message: string } | null }[] }>('listContainers', { allHosts: true });
    expect(all.hosts.find((h) => h.name === 'local')).toMatchObject({ reachable: true });
    expect(all.hosts.find((h) => h.name === 'gpu-a')).toMatchObject({ reachable: true });
    expect(all.hosts.find((h) => h.name === 'down')).toMatchObject({ reachable: false });
    expect(all.hosts.find((h) => h.name === 'down')!.error!.message).toContain('Connection refused');
    await expect(call('listContainers', { host: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    [{ name: 'local', target: 'x' }, 'name'],
    [{ name: 'Gpu', target: 'x' }, 'name'],
    [{ name: 'a;rm', target: 'x' }, 'name'],
    [{ name: 'gpu', target: '-oProxyCommand=touch /tmp/pwned' }, 'target'],
    [{ name: 'gpu', target: 'host -p 2' }, 'target'],
    [{ name: 'gpu', target: 'host\n' }, 'target'],
    [{ name: 'gpu', target: 'h$(id)' }, 'target'],
    [{ name: 'gpu', target: '' }, 'target'],
  ])('addHost %j is refused, naming %s, and spawns nothing', async (request, field) => {
    await expect(call('addHost', request)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field } });
    expect(await call<HostInfo[]>('listHosts')).toEqual([{ name: 'local', target: null }]);
    expect(existsSync(controlDir(join(work, 'data')))).toBe(false);
  });
});
