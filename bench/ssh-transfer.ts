// Transfer between two SSH hosts on this machine (two network namespaces, as the tests
// make them, that can reach each other: A logs in to B with its own key): a 512 MB image
// folder moved as migrate moves it, on the route the Desk picks (straight from A to B
// here: A's tar into A's own ssh to B, through the route probe's login), each file
// hashed on both ends after the stream. The bar: the stream at ≥ 70 % of `ssh host cat file >
// /dev/null` over the same connection, A–B (run on A); the same cat from A to this
// machine over the Desk's multiplexed connection is shown too. The stream through
// this machine (tar over the Desk's two ssh connections: two hops, four crypto passes)
// is measured too, for comparison. All three share this machine's cores.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { SshHost } from '../electron/desk/host/ssh-host';
import { commandLine } from '../electron/desk/host/ssh/quote';
import { controlDir, sshArgv } from '../electron/desk/host/ssh/ssh-options';
import { transferFolder } from '../electron/desk/migrate/transfer';
import { missingForSshd, sharedConfig, startLinkedHosts } from '../test/support/sshd';
import { median, spread, type Figure } from './lib';

const SIZE = 512 * 2 ** 20;
const MB = 2 ** 20;

export async function benchSshTransfer(work: string, rounds = 4): Promise<Figure[]> {
  const missing = missingForSshd();
  if (missing) throw new Error(`ssh-transfer needs two test hosts: ${missing}`);
  mkdirSync(work, { recursive: true });
  const image = join(work, 'image');
  mkdirSync(image);
  // Random-ish bytes (not zeros), so nothing along the way can shortcut them.
  const fd = openSync(join(image, 'pages.img'), 'w');
  const block = Buffer.alloc(MB);
  for (let i = 0; i < SIZE / MB; i++) {
    block.writeUInt32LE(i, (i * 4) % (MB - 4));
    for (let j = 0; j < block.length; j += 4096) block[j] = (i + j) & 0xff;
    writeSync(fd, block);
  }
  closeSync(fd);
  const hosts = await startLinkedHosts({ label: 'bench-a' }, { label: 'bench-b' });
  const { a, b } = hosts;
  const config = sharedConfig([a, b], join(work, 'ssh_config'));
  const control = controlDir(join(work, 'data'));
  const from = new SshHost({ name: 'bench-a', target: a.alias, configFile: config, controlDir: control });
  const to = new SshHost({ name: 'bench-b', target: b.alias, configFile: config, controlDir: control });
  try {
    await from.connect();
    await to.connect();
    const plainCat = async () => {
      const started = performance.now();
      const argv = [...sshArgv({ name: 'bench-a', target: a.alias, configFile: config, controlDir: control, persistSeconds: 600, connectTimeoutSeconds: 10 }), commandLine(['cat', '--', join(image, 'pages.img')])];
      await new Promise<void>((resolve, reject) => {
        const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh cat exited ${code}`))));
      });
      return SIZE / MB / ((performance.now() - started) / 1000);
    };
    // Every route into B ends as an upload into B's sshd (the client encrypts, sshd decrypts
    // and writes to a pipe), the slower direction on this machine: this is its ceiling.
    const uploadCat = async () => {
      const started = performance.now();
      const argv = [...sshArgv({ name: 'bench-b', target: b.alias, configFile: config, controlDir: control, persistSeconds: 600, connectTimeoutSeconds: 10 }), commandLine(['sh', '-c', 'cat > /dev/null'])];
      const input = openSync(join(image, 'pages.img'), 'r');
      try {
        await new Promise<void>((resolve, reject) => {
          const child = spawn(argv[0]!, argv.slice(1), { stdio: [input, 'ignore', 'inherit'] });
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh cat into B exited ${code}`))));
        });
      } finally {
        closeSync(input);
      }
      return SIZE / MB / ((performance.now() - started) / 1000);
    };
    // The bar's baseline over the connection the direct stream uses: on A, plain `ssh B cat
    // file > /dev/null` (A logs in to B with its own key and config, as the stream does).
    const catOverHop = async () => {
      const started = performance.now();
      const result = await from.run({ argv: ['sh', '-c', 'ssh -o BatchMode=yes "$1" cat -- "$2" > /dev/null', 'sh', b.address, join(image, 'pages.img')], timeoutMs: 120_000 });
      if (result.exitCode !== 0) throw new Error(`ssh cat from B, on A, exited ${result.exitCode}: ${result.stderr}`);
      return SIZE / MB / ((performance.now() - started) / 1000);
    };
    const totalRates: number[] = [];
    const routes = new Set<string>();
    let n = 0;
    /** One migrate stream; `route` forced, or the Desk's choice (which is recorded). */
    const transfer = async (route?: 'through-desk') => {
      const toDir = join(work, `copy-${n++}`);
      try {
        const result = await transferFolder({ from, fromDir: image, to, toDir, signal: new AbortController().signal, ...(route ? { route } : {}) });
        if (!route) {
          routes.add(result.routeWhy ? `${result.route} (${result.routeWhy})` : result.route);
          totalRates.push(SIZE / MB / (result.durationMs / 1000));
        }
        return SIZE / MB / (result.streamMs / 1000);
      } finally {
        rmSync(toDir, { recursive: true, force: true });
      }
    };
    // Warm the page cache and the connections first.
    await plainCat();
    await transfer();
    await transfer('through-desk');
    totalRates.length = 0;
    routes.clear();
    // Each round runs all three, in an order that turns, so none always goes first.
    const steps: [string, () => Promise<number>][] = [['cat', plainCat], ['chosen', () => transfer()], ['through', () => transfer('through-desk')], ['upload', uploadCat], ['hop', catOverHop]];
    const rates: Record<string, number[]> = { cat: [], chosen: [], through: [], upload: [], hop: [] };
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < steps.length; j++) {
        const [key, step] = steps[(i + j) % steps.length]!;
        rates[key]!.push(await step());
      }
    }
    const ratios = (key: string, base = 'cat') => rates[key]!.map((v, i) => v / rates[base]![i]!);
    const chosen = median(ratios('chosen'));
    const overHop = median(ratios('chosen', 'hop'));
    const through = median(ratios('through'));
    const route = [...routes].join(', ');
    return [
      { name: 'ssh-transfer: plain ssh cat > /dev/null (512 MB)', value: median(rates.cat!), unit: 'MB/s', spread: spread(rates.cat!) },
      { name: `ssh-transfer: migrate stream host A → host B, route ${route} (512 MB)`, value: median(rates.chosen!), unit: 'MB/s', spread: spread(rates.chosen!), detail: `the route the Desk picked: ${route}` },
      { name: `ssh-transfer: stream (${route}) vs plain ssh cat from A to this machine`, value: chosen * 100, unit: '%', spread: spread(ratios('chosen').map((x) => x * 100)) },
      { name: 'ssh-transfer: plain ssh cat over A–B, on A (ssh B cat file > /dev/null, 512 MB)', value: median(rates.hop!), unit: 'MB/s', spread: spread(rates.hop!), detail: 'the connection the direct stream uses' },
      {
        name: `ssh-transfer: stream (${route}) vs plain ssh cat over the same connection`,
        value: overHop * 100,
        unit: '%',
        spread: spread(ratios('chosen', 'hop').map((x) => x * 100)),
        bar: '≥ 70 %',
        met: overHop >= 0.7,
      },
      {
        name: 'ssh-transfer: migrate stream through this machine (512 MB)',
        value: median(rates.through!),
        unit: 'MB/s',
        spread: spread(rates.through!),
        detail: 'the fallback route: tar over the Desk\'s two ssh connections, for comparison',
      },
      { name: 'ssh-transfer: stream through this machine vs plain ssh cat', value: through * 100, unit: '%', spread: spread(ratios('through').map((x) => x * 100)) },
      {
        name: 'ssh-transfer: plain ssh cat into host B (upload, 512 MB)',
        value: median(rates.upload!),
        unit: 'MB/s',
        spread: spread(rates.upload!),
        detail: `${(median(ratios('upload')) * 100).toFixed(0)} % of plain ssh cat from A: any route into B is an upload into B's sshd, the bar's baseline a download from A's`,
      },
      {
        name: 'ssh-transfer: with the sha256 check on arrival',
        value: median(totalRates),
        unit: 'MB/s',
        spread: spread(totalRates),
        detail: `route ${route}; both ends hash their files after the stream, side by side (openssl, else sha256sum)`,
      },
    ];
  } finally {
    try {
      await from.close();
      await to.close();
    } finally {
      await hosts.stop();
      rmSync(image, { recursive: true, force: true });
    }
  }
}
