// 5. Images: 5,000 folders, each with a real-format header, listed; bytes read per image
// measured from the kernel's own count (/proc/self/io rchar).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDesk } from '../electron/desk/index';
import { NO_DISCOVERY } from '../test/support/desk-harness';
import { median, spread, timed, type Figure } from './lib';
import { runsc } from './sandboxes';

const COUNT = 5000;

function statefile(i: number): Buffer {
  const meta = Buffer.from(JSON.stringify({
    _timestamp: '2026-11-30 12:00:00 +0000 UTC', compression: 'none', runsc_version: 'release-20260817.0', network: 'none', container_count: '1',
    container_specs: JSON.stringify({ [`c-${i}`]: { process: { args: ['sleep', 'infinity'] }, mounts: [{ destination: '/proc', type: 'proc' }] } }),
  }));
  const header = Buffer.alloc(16);
  header.write('gVisorSF', 'latin1');
  header.writeBigUInt64BE(BigInt(meta.length), 8);
  // A 256 KiB body: reading it whole would show in the byte count.
  return Buffer.concat([header, meta, Buffer.alloc(32), Buffer.alloc(256 * 1024, 7)]);
}

function rchar(): number {
  return Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
}

export async function benchImages(work: string, rounds = 5): Promise<Figure[]> {
  const dataDir = join(work, 'img-data');
  for (let i = 0; i < COUNT; i++) {
    const dir = join(dataDir, 'images', `c-${i % 100}`, `20261130T12${String(i).padStart(4, '0')}Z`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'checkpoint.img'), statefile(i));
    writeFileSync(join(dir, 'pages_meta.img'), 'm');
    writeFileSync(join(dir, 'pages.img'), 'p');
  }
  const desk = await createDesk({ dataDir, runscPath: runsc(), privilege: 'none', locations: NO_DISCOVERY });
  try {
    const times: number[] = [];
    let bytesPerImage = 0;
    for (let r = 0; r < rounds; r++) {
      const before = rchar();
      times.push(await timed(async () => {
        const list = await desk.listImages({});
        if (list.images.length !== COUNT || list.images.some((i) => i.state !== 'complete')) throw new Error('listImages missed images');
      }));
      bytesPerImage = (rchar() - before) / COUNT;
    }
    const ms = median(times);
    return [
      { name: `listImages, ${COUNT} images`, value: ms, unit: 'ms', spread: spread(times), bar: '≤ 1000 ms', met: ms <= 1000 },
      { name: 'bytes read per image (rchar)', value: Math.round(bytesPerImage), unit: 'B', bar: '≤ 65536 B', met: bytesPerImage <= 65536 },
    ];
  } finally {
    await desk.close();
  }
}
