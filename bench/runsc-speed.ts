// The fastest checkpoint this runsc can do (issue 12): a sandbox holding 512 MB of random
// data, on Debian's runsc 0.0~20240729.0. The Desk's default checkpoint and restore
// against raw `runsc checkpoint` / `runsc restore` with runsc's own defaults (flate), and
// the Desk's checkpoint throughput beside this disk's `dd … conv=fdatasync` write speed.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDesk, type DeskService } from '../electron/desk/index';
import type { Job } from '../shared/jobs';
import { NO_DISCOVERY } from '../test/support/desk-harness';
import { busyboxBundle, realRunscBuilds } from '../test/support/real-runsc';
import { deleteAll } from '../test/support/sandboxes';
import { deskCheckpoint } from './checkpoint';
import { median, spread, type Figure } from './lib';

const run = promisify(execFile);
const CURRENT = '0.0~20240729.0';
const MB = 512;
export const BIG_MB = MB;

export async function benchRunscSpeed(work: string, rounds = 3): Promise<Figure[]> {
  const binary = realRunscBuilds().find((b) => b.label === CURRENT)?.path;
  if (!binary) throw new Error(`runsc ${CURRENT} is not here: scripts/ci/install-runsc-current.sh unpacks it`);
  const root = join(work, 'root');
  const bundle = bigBundle(join(work, 'big'));
  const id = 'speed-1';
  const desk = await createDesk({ dataDir: join(work, 'data'), runscPath: binary, privilege: 'none', locations: NO_DISCOVERY });
  await desk.addRoot({ path: root, globalFlags: ['--network=none'] });
  const runscCall = (...args: string[]) => run(binary, [`--root=${root}`, '--network=none', ...args], { timeout: 120_000 });
  const detached = (...args: string[]) => {
    const fd = openSync(join(work, `${id}.log`), 'a');
    try {
      execFileSync(binary, [`--root=${root}`, '--network=none', ...args], { stdio: ['ignore', fd, fd], timeout: 120_000 });
    } finally {
      closeSync(fd);
    }
  };
  let n = 0;
  const fresh = () => join(work, 'images', String(n++));
  try {
    detached('run', '--detach', `--bundle=${bundle}`, '--', id);
    await ready(binary, root, id);
    const raw = { checkpoint: [] as number[], restore: [] as number[] };
    const viaDesk = { checkpoint: [] as number[], restore: [] as number[], bytesPerMs: [] as number[] };
    const compression: string[] = [];
    // Raw, with runsc's defaults: checkpoint (the sandbox stops), then restore it in place.
    const rawRound = async () => {
      const rawImage = fresh();
      let t = performance.now();
      await runscCall('checkpoint', `--image-path=${rawImage}`, '--', id);
      raw.checkpoint.push(performance.now() - t);
      await waitStopped(binary, root, id);
      await runscCall('delete', '--force', '--', id);
      t = performance.now();
      detached('restore', '--detach', `--bundle=${bundle}`, `--image-path=${rawImage}`, '--', id);
      raw.restore.push(performance.now() - t);
      rmSync(rawImage, { recursive: true, force: true });
      await ready(binary, root, id);
    };
    // The Desk, with its defaults: the plan picks Fastest (uncompressed) when the disk has room.
    const deskRound = async () => {
      const deskImage = fresh();
      let t = performance.now();
      const job = await deskCheckpoint(desk, { root, id, imagePath: deskImage });
      const ms = performance.now() - t;
      viaDesk.checkpoint.push(ms);
      viaDesk.bytesPerMs.push((job.imageBytes ?? 0) / ms);
      compression.push(String(job.steps.find((s) => s.name === 'runsc')?.argv?.find((a) => a.startsWith('--compression=')) ?? 'runsc default'));
      // Untimed, as on the raw side: the sandbox the checkpoint stopped has exited.
      await waitStopped(binary, root, id);
      t = performance.now();
      await deskRestore(desk, deskImage);
      viaDesk.restore.push(performance.now() - t);
      rmSync(deskImage, { recursive: true, force: true });
      // Untimed, both sides alike: the restored sandbox answers before the next round.
      await ready(binary, root, id);
    };
    // Alternating (raw first, then the Desk first): each side's checkpoint follows a restore
    // of the other's image as often as of its own, so an order effect hits both alike.
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        await rawRound();
        await deskRound();
      } else {
        await deskRound();
        await rawRound();
      }
    }
    const ck = median(viaDesk.checkpoint) / median(raw.checkpoint);
    const rs = median(viaDesk.restore) / median(raw.restore);
    const ddMBs = ddWriteSpeed(work);
    const deskMBs = median(viaDesk.bytesPerMs) / 1000;
    return [
      { name: `runsc ${CURRENT}, ${MB} MB: raw checkpoint (runsc's defaults: flate)`, value: median(raw.checkpoint), unit: 'ms', spread: spread(raw.checkpoint, 0) },
      { name: `runsc ${CURRENT}, ${MB} MB: Desk checkpoint (its default)`, value: median(viaDesk.checkpoint), unit: 'ms', spread: spread(viaDesk.checkpoint, 0), detail: [...new Set(compression)].join(', ') },
      { name: `runsc ${CURRENT}, ${MB} MB: Desk / raw checkpoint`, value: ck, unit: '×', bar: '≤ 0.5', met: ck <= 0.5, detail: `${rounds} rounds, alternating which side goes first` },
      { name: `runsc ${CURRENT}, ${MB} MB: raw restore (runsc's defaults)`, value: median(raw.restore), unit: 'ms', spread: spread(raw.restore, 0) },
      { name: `runsc ${CURRENT}, ${MB} MB: Desk restore (its default)`, value: median(viaDesk.restore), unit: 'ms', spread: spread(viaDesk.restore, 0) },
      { name: `runsc ${CURRENT}, ${MB} MB: Desk / raw restore`, value: rs, unit: '×', bar: '≤ 0.5', met: rs <= 0.5, detail: `${rounds} rounds; the Desk's restore is a job (plan, delete, restore, wait until running)` },
      { name: 'Desk checkpoint throughput (image bytes / job time)', value: deskMBs, unit: 'MB/s', detail: `this disk: dd conv=fdatasync ${ddMBs.toFixed(0)} MB/s` },
      { name: 'this disk: dd bs=1M count=512 conv=fdatasync', value: ddMBs, unit: 'MB/s' },
    ];
  } finally {
    await desk.close();
    deleteAll(root, binary);
  }
}

/** A busybox sandbox that holds MB megabytes of random data in its tmpfs, then waits. */
export function bigBundle(dir: string): string {
  const path = busyboxBundle(dir);
  const spec = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8'));
  spec.process.args = ['/bin/busybox', 'sh', '-c', `head -c ${MB * 1024 * 1024} /dev/urandom > /tmp/blob; echo ready > /tmp/ready; while true; do sleep 1; done`];
  writeFileSync(join(path, 'config.json'), JSON.stringify(spec));
  return path;
}

export async function ready(binary: string, root: string, id: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      execFileSync(binary, [`--root=${root}`, 'exec', id, '/bin/busybox', 'cat', '/tmp/ready'], { stdio: 'ignore', timeout: 10_000 });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${id} never wrote its ${MB} MB`);
}

/** runsc 2024 returns from checkpoint before its sandbox has exited. */
async function waitStopped(binary: string, root: string, id: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const state = JSON.parse(execFileSync(binary, [`--root=${root}`, 'state', id], { encoding: 'utf8', timeout: 10_000 })) as { status: string };
    if (state.status === 'stopped') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Desk restore with its defaults (in place, the image's runsc), from the call to succeeded. */
async function deskRestore(desk: DeskService, imagePath: string): Promise<Job> {
  const { jobId } = await desk.restore({ imagePath });
  for (;;) {
    const job = (await desk.getJob({ jobId })) as Job;
    if (job.status === 'succeeded') return job;
    if (job.status !== 'running' && job.status !== 'queued') throw new Error(`restore ${job.status}: ${job.error?.message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** This disk's write speed, as dd reports it on stderr with the data flushed (conv=fdatasync). */
function ddWriteSpeed(work: string): number {
  const file = join(work, 'dd.bin');
  try {
    const result = spawnSync('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', 'count=512', 'conv=fdatasync'], { encoding: 'utf8', timeout: 120_000 });
    return parseDd(result.stderr);
  } finally {
    rmSync(file, { force: true });
  }
}

function parseDd(text: string): number {
  const match = /(\d+) bytes .* copied, ([\d.]+) s/.exec(text);
  if (!match) throw new Error(`dd printed no speed: ${text}`);
  return Number(match[1]) / Number(match[2]) / 1e6;
}

