// npm run bench: every figure the benchmarks issue asks for, printed as a table and
// written to bench/results.json with the machine and the runsc version.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCheckpoint } from './checkpoint';
import { benchImages } from './images';
import { machine, printTable, type Figure } from './lib';
import { benchList } from './list';
import { benchLogStream } from './log-stream';
import { benchLogView } from './log-view';
import { benchRemoteList } from './remote-list';
import { benchRunscSpeed } from './runsc-speed';
import { runsc } from './sandboxes';
import { benchSshTransfer } from './ssh-transfer';
import { benchStartup } from './startup';

const SECTIONS: [string, (work: string) => Promise<Figure[]>][] = [
  ['checkpoint', benchCheckpoint],
  ['list', benchList],
  ['log-stream', benchLogStream],
  ['log-view', benchLogView],
  ['images', benchImages],
  ['startup', benchStartup],
  ['runsc-speed', benchRunscSpeed],
  ['ssh-transfer', benchSshTransfer],
  ['remote-list', benchRemoteList],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const work = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const version = execFileSync(runsc(), ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  const figures: Figure[] = [];
  const failures: string[] = [];
  try {
    for (const [name, bench] of SECTIONS) {
      if (only.length > 0 && !only.includes(name)) continue;
      process.stderr.write(`bench: ${name}…\n`);
      // Each section starts with the page cache's dirty pages on disk: the checkpoints before
      // it leave gigabytes that the kernel would otherwise write back during it (the
      // ssh-transfer read 62.6 % after runsc-speed in a full run, 85.8 % on its own).
      execFileSync('sync');
      try {
        figures.push(...(await bench(join(work, name))));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).stack ?? error}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const info = { ...machine(), runsc: version, node: process.version, at: new Date().toISOString() };
  console.log(`\nCheckpoint Desk benchmarks: ${info.cores} cores (${info.cpu}), ${info.runsc}, Node ${info.node}\n`);
  printTable(figures);
  writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ machine: info, figures, failures }, null, 2)}\n`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} benchmark(s) could not run:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

void main();
