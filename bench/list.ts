// 2. List: 20 sandboxes across 2 roots, raw `runsc list -format=json` per root against
// listContainers; and a stand-in that lists 2,000 containers.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDesk } from '../electron/desk/index';
import { NO_DISCOVERY } from '../test/support/desk-harness';
import { alternate, median, spread, timed, type Figure } from './lib';
import { bundle, cleanup, runsc, start } from './sandboxes';

const run = promisify(execFile);
const STANDIN = join(import.meta.dirname, '..', 'test', 'support', 'runsc-current.mjs');

export async function benchList(work: string, rounds = 9): Promise<Figure[]> {
  const roots = [join(work, 'list-a'), join(work, 'list-b')];
  const b = bundle(join(work, 'list'));
  const desk = await createDesk({ dataDir: join(work, 'list-data'), runscPath: runsc(), privilege: 'none', locations: NO_DISCOVERY });
  try {
    for (const root of roots) await desk.addRoot({ path: root, globalFlags: ['--network=none'] });
    for (let i = 0; i < 20; i++) start(roots[i % 2]!, b, `bench-l${String.fromCharCode(97 + i)}`, work);
    // The Desk's own root (empty) is listed too; the raw side lists it as well, to be fair.
    const allRoots = [...roots, join(work, 'list-data', 'root')];
    const raw = () => timed(() => Promise.all(allRoots.map((root) => run(runsc(), [`--root=${root}`, '--network=none', 'list', '--format=json']))));
    const viaDesk = () => timed(async () => {
      const list = await desk.listContainers({});
      if (list.containers.length !== 20) throw new Error(`listed ${list.containers.length}, not 20`);
    });
    await raw();
    await viaDesk();
    const r = await alternate(rounds, raw, viaDesk);
    const ratio = median(r.ratios);
    const figures: Figure[] = [
      { name: 'list 20 sandboxes / 2 roots: raw', value: median(r.a), unit: 'ms', spread: spread(r.a) },
      { name: 'list 20 sandboxes / 2 roots: listContainers', value: median(r.b), unit: 'ms', spread: spread(r.b) },
      { name: 'list: Desk / raw', value: ratio, unit: '×', spread: spread(r.ratios, 2), bar: '≤ 1.3', met: ratio <= 1.3 },
    ];
    figures.push(await benchList2000(work, rounds));
    return figures;
  } finally {
    await desk.close();
    for (const root of roots) cleanup(root);
  }
}

async function benchList2000(work: string, rounds: number): Promise<Figure> {
  const root = join(work, 'list-2000');
  process.env.STANDIN_LIST_COUNT = '2000';
  const desk = await createDesk({ dataDir: join(work, 'list-2000-data'), runscPath: STANDIN, privilege: 'none', locations: NO_DISCOVERY });
  try {
    await desk.addRoot({ path: root, globalFlags: ['--network=none'] });
    const deskRoot = join(work, 'list-2000-data', 'root');
    // The stand-in's own time for what the Desk asks: one JSON listing per root.
    const raw = () => timed(() => Promise.all([root, deskRoot].map((r) => run('node', [STANDIN, `--root=${r}`, '--network=none', 'list', '--format=json'], { maxBuffer: 1 << 26 }))));
    const viaDesk = () => timed(async () => {
      const list = await desk.listContainers({});
      if (list.containers.length !== 4000) throw new Error(`listed ${list.containers.length}`);
    });
    await viaDesk();
    const r = await alternate(rounds, raw, viaDesk);
    const above = median(r.b.map((v, i) => v - r.a[i]!));
    return { name: 'list 2,000 (stand-in): above its own time', value: above, unit: 'ms', spread: spread(r.b.map((v, i) => v - r.a[i]!)), bar: '≤ 150 ms', met: above <= 150 };
  } finally {
    delete process.env.STANDIN_LIST_COUNT;
    await desk.close();
  }
}
