// 1b. Checkpoint overhead on a sandbox holding 512 MB of random data, on the system
// runsc: there runsc's own work dwarfs the Desk's, so the ratio should be within noise.
// The raw side runs the very argv the Desk's job ran (its options, another image path),
// so both write the same kind of image.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDesk } from '../electron/desk/index';
import { NO_DISCOVERY } from '../test/support/desk-harness';
import { deskCheckpoint } from './checkpoint';
import { alternate, median, spread, type Figure } from './lib';
import { bigBundle, BIG_MB, ready } from './runsc-speed';
import { cleanup, restore, runsc, start } from './sandboxes';

const run = promisify(execFile);

export async function benchCheckpoint512(work: string, rounds = 3): Promise<Figure[]> {
  const root = join(work, 'ck512-root');
  const b = bigBundle(join(work, 'ck512'));
  const id = 'bench-ck512';
  const desk = await createDesk({ dataDir: join(work, 'ck512-data'), runscPath: runsc(), privilege: 'none', locations: NO_DISCOVERY });
  await desk.addRoot({ path: root, globalFlags: ['--network=none'] });
  start(root, b, id, work);
  let n = 0;
  const fresh = () => join(work, 'ck512-images', String(n++));
  let argv: string[] | null = null;
  try {
    await ready(runsc(), root, id);
    const viaDesk = async () => {
      const image = fresh();
      const t = performance.now();
      const job = await deskCheckpoint(desk, { root, id, imagePath: image });
      const ms = performance.now() - t;
      argv ??= job.steps.find((s) => s.argv?.includes('checkpoint'))?.argv ?? null;
      restore(root, b, id, image, work);
      await ready(runsc(), root, id);
      return ms;
    };
    const raw = async () => {
      const image = fresh();
      if (!argv) throw new Error('the Desk job reported no argv to repeat');
      const [binary, ...args] = argv.map((a) => (a.startsWith('--image-path=') ? `--image-path=${image}` : a));
      const t = performance.now();
      await run(binary!, args, { timeout: 180_000 });
      const ms = performance.now() - t;
      restore(root, b, id, image, work);
      await ready(runsc(), root, id);
      return ms;
    };
    await viaDesk(); // learns the argv, and warms the page cache and the probe alike
    await raw();
    const r = await alternate(rounds, raw, viaDesk);
    const ratio = median(r.ratios);
    const options = argv!.slice(1).filter((a) => a.startsWith('-') && a !== '--' && !a.startsWith('--root=') && !a.startsWith('--image-path=')).join(' ');
    return [
      { name: `checkpoint ${BIG_MB} MB: raw runsc (the Desk's argv)`, value: median(r.a), unit: 'ms', spread: spread(r.a, 0), detail: options },
      { name: `checkpoint ${BIG_MB} MB: Desk job (call → succeeded)`, value: median(r.b), unit: 'ms', spread: spread(r.b, 0) },
      { name: `checkpoint ${BIG_MB} MB: Desk / raw`, value: ratio, unit: '×', spread: spread(r.ratios, 2), detail: `${rounds} rounds; within noise expected` },
    ];
  } finally {
    await desk.close();
    cleanup(root);
  }
}
