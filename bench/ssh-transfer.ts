// Transfer between two SSH hosts on this machine (two network namespaces, as the tests
// make them): a 512 MB image folder moved as migrate moves it (tar over the two ssh
// connections, one pipe between them; each file hashed on the source during the stream
// and on the target after it), against `ssh host cat file > /dev/null` over the same
// multiplexed connection. The bar: the stream at ≥ 70 % of that rate. Both hosts share
// this machine's cores: the stream pays two ssh hops (four crypto passes and two TCP
// connections) where the baseline pays one, plus the source's hashing.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { SshHost } from '../electron/desk/host/ssh-host';
import { commandLine } from '../electron/desk/host/ssh/quote';
import { controlDir, sshArgv } from '../electron/desk/host/ssh/ssh-options';
import { transferFolder } from '../electron/desk/migrate/transfer';
import { missingForSshd, sharedConfig, startSshd } from '../test/support/sshd';
import { alternate, median, spread, type Figure } from './lib';

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
  const a = await startSshd('bench-a');
  const b = await startSshd('bench-b');
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
    const streamRates: number[] = [];
    const totalRates: number[] = [];
    let n = 0;
    const transfer = async () => {
      const toDir = join(work, `copy-${n++}`);
      try {
        const result = await transferFolder({ from, fromDir: image, to, toDir, signal: new AbortController().signal });
        totalRates.push(SIZE / MB / (result.durationMs / 1000));
        const rate = SIZE / MB / (result.streamMs / 1000);
        streamRates.push(rate);
        return rate;
      } finally {
        rmSync(toDir, { recursive: true, force: true });
      }
    };
    // Warm the page cache and both connections first.
    await plainCat();
    await transfer();
    streamRates.length = 0;
    totalRates.length = 0;
    const r = await alternate(rounds, plainCat, transfer);
    const ratio = median(r.ratios);
    return [
      { name: 'ssh-transfer: plain ssh cat > /dev/null (512 MB)', value: median(r.a), unit: 'MB/s', spread: spread(r.a) },
      { name: 'ssh-transfer: migrate stream host A → host B (512 MB)', value: median(streamRates), unit: 'MB/s', spread: spread(streamRates) },
      {
        name: 'ssh-transfer: stream vs plain ssh cat',
        value: ratio * 100,
        unit: '%',
        spread: spread(r.ratios.map((x) => x * 100)),
        bar: '≥ 70 %',
        met: ratio >= 0.7,
      },
      {
        name: 'ssh-transfer: with the sha256 check on arrival',
        value: median(totalRates),
        unit: 'MB/s',
        spread: spread(totalRates),
        detail: 'the source hashes its files during the stream, the target what it wrote after it (openssl, else sha256sum)',
      },
    ];
  } finally {
    await from.close();
    await to.close();
    await a.stop();
    await b.stop();
    rmSync(image, { recursive: true, force: true });
  }
}
