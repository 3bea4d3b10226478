#!/usr/bin/env node
// A stand-in for NVIDIA's cuda-checkpoint (no GPU here), following its CLI by driver:
// R550 toggles only; R555/R570 add --get-state, --action and --timeout; R580 adds
// --device-map. Each pid's state is kept in a file, and moves as the real one does:
// lock running→locked, checkpoint locked→checkpointed, restore checkpointed→locked,
// unlock locked→running; --toggle does lock+checkpoint or restore+unlock.
// Env: CUDA_STANDIN_DRIVER (550 | 570 | 580, default 570), CUDA_STANDIN_STATE_DIR,
// CUDA_STANDIN_PIDS (pids that are CUDA processes, "101,102"), CUDA_STANDIN_FAIL (pids
// whose toggle fails), STANDIN_LOG (append argv as a JSON line, after "cuda-checkpoint").
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const driver = Number(process.env.CUDA_STANDIN_DRIVER ?? 570);
const version = { 550: '550.54.15', 570: '570.86.10', 580: '580.65.06' }[driver] ?? `${driver}.0.0`;
const stateDir = process.env.CUDA_STANDIN_STATE_DIR ?? '/tmp/cuda-standin';
const cudaPids = new Set((process.env.CUDA_STANDIN_PIDS ?? '').split(',').filter(Boolean).map(Number));
const failing = new Set((process.env.CUDA_STANDIN_FAIL ?? '').split(',').filter(Boolean).map(Number));
const args = process.argv.slice(2);
if (process.env.STANDIN_LOG) appendFileSync(process.env.STANDIN_LOG, `${JSON.stringify(['cuda-checkpoint', ...args])}\n`);

const help = [
  'CUDA checkpoint and restore utility.',
  `Version ${version}. Copyright (C) 2025 NVIDIA Corporation. All rights reserved.`,
  '',
  'Usage: cuda-checkpoint [options]',
  '  --toggle                 Toggle the CUDA state of the process (checkpoint <-> running)',
  '  --pid, -p PID            The process to act on',
  ...(driver >= 555 ? [
    '  --get-state              Print the CUDA state of the process',
    '  --get-restore-tid        Print the thread id that restore must run on',
    '  --action ACTION          lock | checkpoint | restore | unlock',
    '  --timeout, -t MS         Timeout for lock, in milliseconds',
  ] : []),
  ...(driver >= 580 ? ['  --device-map OLD=NEW,…   Remap GPUs on restore'] : []),
  '  --help, -h               Print this help',
].join('\n');

const option = (long, short) => {
  const i = args.findIndex((a) => a === long || (short && a === short));
  return i === -1 ? undefined : args[i + 1];
};
const has = (long, short) => args.includes(long) || (short !== undefined && args.includes(short));

if (args.length === 0 || has('--help', '-h')) {
  process.stdout.write(`${help}\n`);
  process.exit(0);
}
for (const a of args) {
  const known = ['--toggle', '--pid', '-p', '--help', '-h', ...(driver >= 555 ? ['--get-state', '--get-restore-tid', '--action', '--timeout', '-t'] : []), ...(driver >= 580 ? ['--device-map'] : [])];
  if (a.startsWith('-') && !known.includes(a)) {
    process.stderr.write(`cuda-checkpoint: unrecognized option '${a}'\n${help}\n`);
    process.exit(1);
  }
}
const pid = Number(option('--pid', '-p'));
mkdirSync(stateDir, { recursive: true });
const file = join(stateDir, `${pid}.state`);
const state = () => (existsSync(file) ? readFileSync(file, 'utf8').trim() : cudaPids.has(pid) ? 'running' : null);
const set = (s) => writeFileSync(file, s);
// CUDA_ERROR_OPERATING_SYSTEM (304) and CUDA_ERROR_NOT_INITIALIZED (3), as exit statuses.
const fail = (line, code = 304) => {
  process.stderr.write(`${line}\n`);
  process.exit(code);
};

if (has('--get-state')) {
  const s = state();
  if (!s) fail(`Error getting process state for process ID ${pid}: "initialization error"`, 3);
  process.stdout.write(`${s}\n`);
  process.exit(0);
}
if (has('--toggle')) {
  const s = state();
  if (!s || failing.has(pid)) fail(`Error toggling CUDA in process ID ${pid}: "OS call failed or operation not supported on this OS"`);
  if (s === 'running') set('checkpointed');
  else if (s === 'checkpointed') set('running');
  else fail(`Error toggling CUDA in process ID ${pid}: "invalid argument"`, 1);
  process.exit(0);
}
const action = option('--action');
if (action) {
  const moves = { lock: ['running', 'locked'], checkpoint: ['locked', 'checkpointed'], restore: ['checkpointed', 'locked'], unlock: ['locked', 'running'] };
  const move = moves[action];
  const s = state();
  if (!move) fail(`cuda-checkpoint: unknown action '${action}'`, 1);
  if (s !== move[0] || failing.has(pid)) {
    fail(action === 'lock' ? `Could not lock on process ID ${pid}: "invalid argument"` : `Could not ${action} on process ID ${pid}: "invalid argument"`, 1);
  }
  set(move[1]);
  process.exit(0);
}
fail('cuda-checkpoint: nothing to do', 1);
