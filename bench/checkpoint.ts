// 1. Checkpoint overhead: raw `runsc checkpoint` against a Desk checkpoint job, on the
// same busybox sandbox, restored in between so each round starts alike.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDesk, type DeskService } from '../electron/desk/index';
import type { Job } from '../shared/jobs';
import { NO_DISCOVERY } from '../test/support/desk-harness';
import { alternate, median, spread, type Figure } from './lib';
import { benchCheckpoint512 } from './checkpoint-512';
import { bundle, cleanup, restore, runsc, start } from './sandboxes';

const run = promisify(execFile);

export async function benchCheckpoint(work: string, rounds = 7): Promise<Figure[]> {
  const root = join(work, 'ck-root');
  const b = bundle(join(work, 'ck'));
  const id = 'bench-ck';
  const desk = await createDesk({ dataDir: join(work, 'ck-data'), runscPath: runsc(), privilege: 'none', locations: NO_DISCOVERY });
  await desk.addRoot({ path: root, globalFlags: ['--network=none'] });
  start(root, b, id, work);
  let n = 0;
  const fresh = () => join(work, 'ck-images', String(n++));
  try {
    const raw = async () => {
      const image = fresh();
      const t = performance.now();
      await run(runsc(), [`--root=${root}`, '--network=none', 'checkpoint', `--image-path=${image}`, '--', id]);
      const ms = performance.now() - t;
      restore(root, b, id, image, work);
      return ms;
    };
    const viaDesk = async () => {
      const image = fresh();
      const t = performance.now();
      await deskCheckpoint(desk, { root, id, imagePath: image });
      const ms = performance.now() - t;
      restore(root, b, id, image, work);
      return ms;
    };
    await raw(); // warm the page cache and the probe alike
    await viaDesk();
    const r = await alternate(rounds, raw, viaDesk);
    const ratio = median(r.ratios);
    const big = await benchCheckpoint512(work);
    return [
      { name: 'checkpoint: raw runsc', value: median(r.a), unit: 'ms', spread: spread(r.a) },
      { name: 'checkpoint: Desk job (call → succeeded)', value: median(r.b), unit: 'ms', spread: spread(r.b) },
      { name: 'checkpoint: Desk / raw', value: ratio, unit: '×', spread: spread(r.ratios, 2), bar: '≤ 1.10', met: ratio <= 1.1, detail: `${rounds} rounds` },
      ...big,
    ];
  } finally {
    await desk.close();
    cleanup(root);
  }
}

/** From the API call to the job's succeeded, by its own event rather than polling. */
export function deskCheckpoint(desk: DeskService, request: { root: string; id: string; imagePath: string }): Promise<Job> {
  return new Promise((resolve, reject) => {
    let jobId: string | null = null;
    const early: Job[] = [];
    const settle = (job: Job) => {
      if (job.status === 'succeeded') resolve(job);
      else if (job.status !== 'running') reject(new Error(`${job.title} ${job.status}: ${job.error?.message}`));
      else return;
      off();
    };
    const off = desk.on('job:update', (job) => {
      if (jobId === null) early.push(job);
      else if (job.id === jobId) settle(job);
    });
    desk.checkpoint(request).then(({ jobId: id }) => {
      jobId = id;
      for (const job of early) if (job.id === id) settle(job);
    }, (error) => {
      off();
      reject(error);
    });
  });
}
