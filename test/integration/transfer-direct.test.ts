// A migration's image streamed straight from host A to host B, two SSH hosts made on this
// machine (network namespaces with their own sshd) that can reach each other: A logs in
// to B with a key of its own, from its own ~/.ssh. The route is chosen by the Desk (ssh -G
// here, a probe on A), reported, and falls back through this machine, in ssh's words,
// when A cannot log in; a failing target, a cancel and a Desk whose ssh dies leave no tar
// or ssh running on either host.
// (The Desk's ssh to A is a multiplexed client: killing it alone ends nothing, since the
// master holds its pipes; the session's stdin ends when this process does.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipeRequest } from '../../electron/desk/host/host';
import { SshHost } from '../../electron/desk/host/ssh-host';
import type { PipeWiring } from '../../electron/desk/host/ssh/pipe-process';
import { commandLine } from '../../electron/desk/host/ssh/quote';
import { hopArgv } from '../../electron/desk/host/ssh/ssh-options';
import { DIRECT } from '../../electron/desk/migrate/direct-script';
import { TAR_OUT } from '../../electron/desk/migrate/progress';
import { transferFolder, type TransferProgress } from '../../electron/desk/migrate/transfer';
import { TAR_IN } from '../../electron/desk/migrate/unpack';
import { requireSshd, sharedConfig, startLinkedHosts, type LinkedHosts, type TestSshd } from '../support/sshd';
import { cmdlineOf, pidsInNamespace, until } from '../support/processes';

const enabled = requireSshd();

let work: string;
let a: TestSshd | undefined;
let b: TestSshd | undefined;
let hosts: LinkedHosts | undefined;
let from: SshHost;
let to: SshHost;
let image: string;
let n = 0;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** tar and ssh processes in the host's network namespace (sshd and its sessions are not ssh). */
const streamPids = (s: TestSshd) => pidsInNamespace(s.namespace).filter((pid) => /^(tar|ssh) /.test(cmdlineOf(pid)));
const quiet = () => streamPids(a!).length === 0 && streamPids(b!).length === 0;
/** The probe's kept connection on A (ssh titles it `ssh: <socket> [mux]`). */
const masters = (s: TestSshd) => pidsInNamespace(s.namespace).filter((pid) => cmdlineOf(pid).includes('desk-hop.'));
/** Logins B's sshd accepted so far (the Desk's own connection to B is one, once). */
const logins = (s: TestSshd) => (s.log().match(/Accepted publickey/g) ?? []).length;
const target = () => join(work, `copy-${n++}`);

beforeAll(async () => {
  if (!enabled) return;
  work = mkdtempSync(join(tmpdir(), 'desk-direct-'));
  hosts = await startLinkedHosts({ label: 'dra' }, { label: 'drb' });
  ({ a, b } = hosts);
  const config = sharedConfig([a, b], join(work, 'ssh_config'));
  from = new SshHost({ name: 'host-a', target: a.alias, configFile: config, controlDir: join(work, 'ssh') });
  to = new SshHost({ name: 'host-b', target: b.alias, configFile: config, controlDir: join(work, 'ssh') });
  // The Desk's own logins first: B's sshd then counts only A's.
  await from.connect();
  await to.connect();
  image = join(work, 'image');
  mkdirSync(join(image, 'sub dir'), { recursive: true });
  const pages = Buffer.alloc(96 * 2 ** 20);
  for (let i = 0; i < pages.length; i += 4096) pages.writeUInt32LE(i, i);
  writeFileSync(join(image, 'pages.img'), pages);
  writeFileSync(join(image, 'sub dir', "it's.json"), '{"a":1}');
}, 60_000);

afterAll(async () => {
  try {
    await from?.close();
    await to?.close();
  } finally {
    await hosts?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }
}, 60_000);

describe.runIf(enabled)('a transfer straight from host A to host B', () => {
  it('goes direct when A can log in to B: reported, every file arrived with the hash it left with', async () => {
    const progress: TransferProgress[] = [];
    const toDir = target();
    const loginsBefore = logins(b!);
    let shared: string | null = null;
    const result = await transferFolder({
      from, fromDir: image, to, toDir, signal: new AbortController().signal, onProgress: (p) => progress.push(p),
      onRoute: (route) => (shared = route.kind === 'direct' ? route.shared : null),
    });
    expect(result.route).toBe('direct');
    // One login from A to B: the probe's, whose connection the stream went through; then
    // closed, with its folder gone.
    expect(shared).toMatch(/^\/tmp\/desk-hop\./);
    expect(logins(b!) - loginsBefore).toBe(1);
    expect(existsSync(shared!)).toBe(false);
    expect(await until(() => masters(a!).length === 0)).toBe(true);
    expect(result.routeWhy).toBeNull();
    expect(result.files.map((f) => f.name).sort()).toEqual(['pages.img', "sub dir/it's.json"]);
    for (const file of result.files) expect(sha(join(toDir, file.name))).toBe(file.sha256);
    expect(result.bytes).toBe(96 * 2 ** 20 + 7);
    // The bar moved during the stream, from A's tar, not only at its end.
    expect(progress.some((p) => p.bytes > 0 && p.bytes < p.totalBytes)).toBe(true);
    expect(progress.at(-1)!.bytes).toBe(result.bytes);
    expect(await until(quiet)).toBe(true);
  });

  it('goes through this machine when A has no key for B, and says why in ssh\'s words', async () => {
    const key = join(a!.sshHome!, 'id_ed25519');
    renameSync(key, `${key}.away`);
    try {
      const toDir = target();
      const result = await transferFolder({ from, fromDir: image, to, toDir, signal: new AbortController().signal });
      expect(result.route).toBe('through-desk');
      expect(result.routeWhy).toMatch(new RegExp(`^"host-a" cannot log in to "host-b" \\(root@${b!.address.replace(/\./g, '\\.')}:22\\): .*Permission denied \\(publickey\\)`));
      for (const file of result.files) expect(sha(join(toDir, file.name))).toBe(file.sha256);
    } finally {
      renameSync(`${key}.away`, key);
    }
  });

  it('a target whose disk fills mid-stream fails naming the target and its tar\'s words; nothing is left running', async () => {
    // 8 MB of room on B (a tmpfs in B's own mount namespace), for 96 MB.
    const small = join(work, 'small');
    mkdirSync(small);
    execFileSync('nsenter', [`--mount=/proc/${b!.pid}/ns/mnt`, 'mount', '-t', 'tmpfs', '-o', 'size=8m', 'desk-test-small', small]);
    try {
      const copy = transferFolder({ from, fromDir: image, to, toDir: join(small, 'image'), signal: new AbortController().signal });
      await expect(copy).rejects.toThrow(/^tar on the target host "host-b" failed: .*No space left on device/);
      await copy.catch((error: { details: Record<string, unknown> }) => {
        expect(error.details).toMatchObject({ host: 'host-b', side: 'target', exitCode: 2 });
        expect((error.details.argv as string[]).slice(0, 2)).toEqual(['sh', '-c']);
      });
      expect(await until(quiet)).toBe(true);
    } finally {
      execFileSync('nsenter', [`--mount=/proc/${b!.pid}/ns/mnt`, 'umount', small]);
    }
  });

  it('a cancel mid-stream ends the tar and ssh on A, and the tar on B', async () => {
    const stop = new AbortController();
    let seen = false;
    const copy = transferFolder({
      from, fromDir: image, to, toDir: target(), signal: stop.signal,
      onProgress: (p) => {
        if (seen || p.bytes === 0) return;
        seen = true;
        // Both ends are running now: A's tar and ssh, B's tar.
        expect(streamPids(a!).length).toBeGreaterThanOrEqual(2);
        stop.abort();
      },
    });
    await expect(copy).rejects.toThrow('The transfer was cancelled.');
    expect(seen).toBe(true);
    expect(await until(quiet)).toBe(true);
    expect(masters(a!)).toEqual([]);
  });

  it('A\'s script ends its pipeline on A and B when its session\'s stdin closes (this process gone), with no kill sent', async () => {
    // The script as streamDirect starts it, without the cancel's kill: only its stdin ends.
    const answer = await to.resolveHop();
    expect(answer.why).toBeNull();
    const inner = [...hopArgv(answer.hop!), commandLine(['sh', '-c', TAR_IN, 'sh', target()])];
    let sent = '';
    const pipe = await from.runPipe({ argv: ['sh', '-c', DIRECT, 'sh', image, TAR_OUT, ...inner], onStderr: (text) => (sent += text) } as PipeRequest & PipeWiring);
    pipe.stdout.resume();
    expect(await until(() => /desk-sent/.test(sent))).toBe(true);
    // A's tar and ssh, and B's tar once A's ssh is in.
    expect(await until(() => streamPids(b!).length === 1)).toBe(true);
    expect(streamPids(a!).length).toBeGreaterThanOrEqual(2);
    pipe.stdin.end();
    const exit = await pipe.done;
    expect(exit.cancelled).toBe(false);
    expect(exit.exitCode).not.toBe(0);
    expect(await until(quiet)).toBe(true);
  });
});
