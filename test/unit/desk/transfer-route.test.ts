// The way a migration's image goes: where this machine's `ssh -G` says the target is,
// whether the source may try it (no jump host, no proxy), the probe run on the source,
// and the fallback with ssh's own words. Then the source's script of a direct stream,
// run here: its statuses sorted into the end at fault, and its pipeline ended when its
// stdin closes (the Desk's ssh gone) or it is told to stop.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host, PipeExit, PipeProcess, PipeRequest, RunRequest, RunResult } from '../../../electron/desk/host/host';
import { hopFrom, parseResolved } from '../../../electron/desk/host/ssh/destination';
import { hopArgv, resolveArgv } from '../../../electron/desk/host/ssh/ssh-options';
import { streamDirect } from '../../../electron/desk/migrate/direct';
import { DIRECT } from '../../../electron/desk/migrate/direct-script';
import { TAR_OUT } from '../../../electron/desk/migrate/progress';
import { chooseRoute } from '../../../electron/desk/migrate/route';
import { openHopArgv } from '../../../electron/desk/migrate/shared-hop';
import { TAR_IN } from '../../../electron/desk/migrate/unpack';

const SSH_G = `user ana
hostname 10.0.0.7
port 2222
addressfamily any
identityfile ~/.ssh/id_ed25519
proxycommand none
`;
const hop = { hostname: '10.0.0.7', user: 'ana', port: 2222 };

function fakeHost(name: string, over: Partial<Host> = {}): Host {
  return { name, ...over } as Host;
}

function runResult(over: Partial<RunResult>): RunResult {
  return { argv: [], exitCode: 0, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false, spawnError: null, durationMs: 1, ...over };
}

describe('where the target is (ssh -G)', () => {
  it('asks ssh -G through the Desk\'s config file', () => {
    expect(resolveArgv({ target: 'gpu-b', configFile: '/etc/desk/ssh_config' })).toEqual(['ssh', '-F', '/etc/desk/ssh_config', '-G', '--', 'gpu-b']);
    expect(resolveArgv({ target: 'root@10.0.0.5', configFile: null })).toEqual(['ssh', '-G', '--', 'root@10.0.0.5']);
  });

  it('reads the address, user and port; the first of a repeated keyword wins, as in ssh', () => {
    const config = parseResolved(`${SSH_G}identityfile ~/.ssh/id_rsa\n`);
    expect(config.identityfile).toBe('~/.ssh/id_ed25519');
    expect(hopFrom(config, 'gpu-b')).toEqual({ hop, why: null });
    expect(hopFrom(parseResolved('user root\nhostname gpu-b.lan\n'), 'gpu-b')).toEqual({ hop: { hostname: 'gpu-b.lan', user: 'root', port: 22 }, why: null });
  });

  it('a target behind a jump host or a proxy command is not offered for a direct hop', () => {
    expect(hopFrom(parseResolved(`${SSH_G}proxyjump bastion\n`), 'gpu-b')).toEqual({ hop: null, why: 'this machine reaches "gpu-b" through ProxyJump bastion' });
    expect(hopFrom(parseResolved(SSH_G.replace('proxycommand none', 'proxycommand nc -X 5 -x tor:9050 %h %p')), 'gpu-b').why).toMatch(/ProxyCommand nc -X 5/);
    expect(hopFrom(parseResolved('port 22\n'), 'gpu-b').why).toMatch(/named no address/);
  });

  it('the source\'s ssh never forwards an agent and never accepts a host key it does not know', () => {
    const argv = hopArgv(hop, ['-v']);
    expect(argv[0]).toBe('ssh');
    expect(argv).toEqual(expect.arrayContaining(['BatchMode=yes', 'StrictHostKeyChecking=yes', 'ForwardAgent=no', 'ConnectTimeout=5', '-T']));
    expect(argv.join(' ')).not.toMatch(/accept-new|StrictHostKeyChecking=no|-A\b|ControlPath/);
    expect(argv.slice(-7)).toEqual(['-p', '2222', '-l', 'ana', '-v', '--', '10.0.0.7']);
  });
});

describe('chooseRoute', () => {
  const signal = new AbortController().signal;
  const resolved = () => Promise.resolve({ hop, why: null });

  it('from this machine, the stream is one hop already: no probe', async () => {
    const runs: string[][] = [];
    const local = fakeHost('local', { run: (r: RunRequest) => (runs.push(r.argv), Promise.resolve(runResult({}))) });
    expect(await chooseRoute(local, fakeHost('gpu-b'), signal, resolved)).toEqual({ kind: 'through-desk', why: null });
    expect(runs).toEqual([]);
  });

  it('probes on the source with its own ssh, and goes direct when it logs in, keeping the connection for the stream', async () => {
    const runs: RunRequest[] = [];
    const from = fakeHost('gpu-a', { run: (r: RunRequest) => (runs.push(r), Promise.resolve(runResult({ stdout: '/tmp/desk-hop.Ab12Cd34\n' }))) });
    expect(await chooseRoute(from, fakeHost('gpu-b'), signal, resolved)).toEqual({ kind: 'direct', hop, shared: '/tmp/desk-hop.Ab12Cd34' });
    expect(runs.map((r) => r.argv)).toEqual([openHopArgv(hop)]);
    expect(runs[0]!.timeoutMs).toBeGreaterThan(0);
    // A login that printed something else (a login shell's chatter): direct, with a login of its own.
    const chatty = fakeHost('gpu-a', { run: () => Promise.resolve(runResult({ stdout: 'Welcome to gpu-a\n' })) });
    expect(await chooseRoute(chatty, fakeHost('gpu-b'), signal, resolved)).toEqual({ kind: 'direct', hop, shared: null });
  });

  it('falls back through this machine, in ssh\'s words, when the source cannot log in', async () => {
    const from = fakeHost('gpu-a', {
      run: () => Promise.resolve(runResult({ exitCode: 255, stderr: "Warning: Permanently added 'x'\nana@10.0.0.7: Permission denied (publickey).\n" })),
    });
    expect(await chooseRoute(from, fakeHost('gpu-b'), signal, resolved)).toEqual({
      kind: 'through-desk',
      why: '"gpu-a" cannot log in to "gpu-b" (ana@10.0.0.7:2222): ana@10.0.0.7: Permission denied (publickey).',
    });
  });

  it('a probe that does not answer, a source that cannot be asked, a target with a proxy: through this machine', async () => {
    const silent = fakeHost('gpu-a', { run: () => Promise.resolve(runResult({ exitCode: null, signal: 'SIGTERM', timedOut: true })) });
    expect((await chooseRoute(silent, fakeHost('gpu-b'), signal, resolved)).kind).toBe('through-desk');
    expect(await chooseRoute(silent, fakeHost('gpu-b'), signal, resolved)).toMatchObject({ why: expect.stringMatching(/no answer within 15 s/) });
    const broken = fakeHost('gpu-a', { run: () => Promise.reject(new Error('Host "gpu-a" (gpu-a) is unreachable: No route to host.')) });
    expect(await chooseRoute(broken, fakeHost('gpu-b'), signal, resolved)).toMatchObject({ kind: 'through-desk', why: expect.stringMatching(/No route to host/) });
    const proxied = () => Promise.resolve({ hop: null, why: 'this machine reaches "gpu-b" through ProxyJump bastion' });
    expect(await chooseRoute(broken, fakeHost('gpu-b'), signal, proxied)).toEqual({ kind: 'through-desk', why: 'this machine reaches "gpu-b" through ProxyJump bastion' });
    expect(await chooseRoute(broken, fakeHost('local'), signal, () => Promise.resolve(null))).toEqual({ kind: 'through-desk', why: null });
  });
});

describe('streamDirect sorts a failure into the end at fault', () => {
  const ends = (stderr: string, exitCode = 1) => {
    const done: PipeExit = { argv: ['sh', '-c', 'direct'], exitCode, signal: null, stderr, cancelled: false, spawnError: null };
    const pipe: PipeProcess = { stdin: new PassThrough(), stdout: new PassThrough().end() as PassThrough, done: Promise.resolve(done) };
    const from = fakeHost('gpu-a', { runPipe: (_r: PipeRequest) => Promise.resolve(pipe) });
    return { from, fromDir: '/img/a', to: fakeHost('gpu-b'), toDir: '/img/b', stop: new AbortController().signal, onSourceStderr: () => undefined };
  };

  it('the target\'s tar', async () => {
    const failure = streamDirect(ends('tar: desk-sent 100\ndesk-target: tar: ./pages.img: Cannot open: Permission denied\ndesk-target: tar: Exiting with failure status\ndesk-direct tar=141 ssh=2\n'), hop);
    await expect(failure).rejects.toThrow('tar on the target host "gpu-b" failed: tar: ./pages.img: Cannot open: Permission denied.');
    await failure.catch((error: { details: Record<string, unknown> }) => {
      expect(error.details).toMatchObject({ host: 'gpu-b', side: 'target', exitCode: 2, argv: ['sh', '-c', TAR_IN, 'sh', '/img/b'] });
      expect(error.details.stderr).toMatch(/^tar: \.\/pages\.img: Cannot open/);
    });
  });

  it('the source\'s ssh to the target', async () => {
    const failure = streamDirect(ends('desk-target: Connection closed by 10.0.0.7 port 2222\ndesk-direct tar=141 ssh=255\n'), hop);
    await expect(failure).rejects.toThrow(/"gpu-a" lost or could not open its own ssh connection to "gpu-b" \(ana@10\.0\.0\.7:2222\) mid-stream: Connection closed by 10\.0\.0\.7 port 2222/);
    await failure.catch((error: { details: Record<string, unknown> }) => {
      expect(error.details).toMatchObject({ host: 'gpu-a', side: 'ssh', exitCode: 255, reason: 'unreachable' });
      expect((error.details.argv as string[]).slice(0, -1)).toEqual(hopArgv(hop));
    });
  });

  it('the source\'s tar, even when the target then failed on the cut stream', async () => {
    const failure = streamDirect(ends('tar: ./pages.img: Read error at byte 0: Input/output error\ntar: Exiting with failure status due to previous errors\ndesk-target: tar: Unexpected EOF in archive\ndesk-direct tar=2 ssh=2\n'), hop);
    await expect(failure).rejects.toThrow('tar on the source host "gpu-a" failed: tar: ./pages.img: Read error at byte 0: Input/output error.');
    await failure.catch((error: { details: Record<string, unknown> }) => expect(error.details).toMatchObject({ host: 'gpu-a', side: 'source', exitCode: 2, argv: ['sh', '-c', TAR_OUT, 'sh', '/img/a'] }));
  });

  it('the script itself, before either started', async () => {
    await expect(streamDirect(ends('mktemp: failed to create directory via template: No space left on device\n'), hop)).rejects.toThrow(/straight to "gpu-b" failed on "gpu-a": mktemp: failed .* No space left on device/);
  });

  it('both ends well', async () => {
    await expect(streamDirect(ends('tar: desk-sent 100\ndesk-direct tar=0 ssh=0\n', 0), hop)).resolves.toBeUndefined();
  });
});

describe('the source\'s script of a direct stream, run here', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'desk-direct-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'pages.img'), Buffer.alloc(4 << 20, 1));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The script with a stand-in for the inner ssh (argv), which writes its pid into `dir/inner.pid`. */
  const start = (inner: string[]) => {
    const child = spawn('sh', ['-c', DIRECT, 'sh', join(dir, 'src'), TAR_OUT, ...inner], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, stderr: () => stderr };
  };
  /** Running, not a zombie waiting for this machine's init to reap it. */
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  const until = async (what: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!what() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return what();
  };
  // An inner "ssh" that never reads: the source's tar blocks on the full fifo, as with a stalled link.
  const stalled = () => ['sh', '-c', 'echo $$ > "$1"; exec sleep 60', 'sh', join(dir, 'inner.pid')];
  /** The processes working in the source folder: its tar. */
  const tars = () =>
    readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === join(dir, 'src');
      } catch {
        return false;
      }
    });
  const pidOf = async (file: string) => {
    await until(() => {
      try {
        return readFileSync(file, 'utf8').trim() !== '';
      } catch {
        return false;
      }
    });
    return Number(readFileSync(file, 'utf8'));
  };

  it('copies, and says both statuses', async () => {
    const run = start(['sh', '-c', TAR_IN, 'sh', join(dir, 'dst')]);
    run.child.stdin.write('');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toMatch(/desk-direct tar=0 ssh=0\n$/);
    expect(statSync(join(dir, 'dst', 'pages.img')).size).toBe(4 << 20);
  });

  it('its stdin closing (the Desk\'s ssh gone) ends the inner ssh and the tar', async () => {
    const run = start(stalled());
    const inner = await pidOf(join(dir, 'inner.pid'));
    expect(alive(inner)).toBe(true);
    expect(await until(() => tars().length === 1)).toBe(true);
    run.child.stdin.end();
    expect(await run.exited).not.toBe(0);
    expect(await until(() => !alive(inner) && tars().length === 0)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['inner.pid', 'src']);
  });

  it('TERM (the Desk\'s cancel) ends the inner ssh and the tar', async () => {
    const run = start(stalled());
    const inner = await pidOf(join(dir, 'inner.pid'));
    expect(await until(() => tars().length === 1)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(143);
    expect(await until(() => !alive(inner) && tars().length === 0)).toBe(true);
  });
});
