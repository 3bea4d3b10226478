#!/usr/bin/env node
// A stand-in for NVIDIA's cuda-checkpoint (no GPU here), following its CLI by driver
// (NVIDIA/cuda-checkpoint README): R550 --toggle only; R555/R570 add --get-state,
// --get-restore-tid, --action and --timeout; R580 adds --device-map; R610 --launch-job.
// Help is laid out in `Operations:` and `Options:` sections with `--pid|-p <pid>`.
// Below R550 every call prints "Insufficient driver" and exits 255.
//
// States move as the driver's do (cuCheckpointProcess*): lock running→locked,
// checkpoint locked→checkpointed, restore checkpointed→locked, unlock locked→running;
// --toggle is lock+checkpoint or restore+unlock. A lock that fails leaves it running.
//
// Exit codes: 0 on success. The real non-zero codes for each failure are NOT known here
// (no GPU has run this); the stand-in exits 1 and tests assert only "not 0" and the line.
//
// Env: CUDA_STANDIN_DRIVER (535 | 550 | 570 | 580 | 610, default 570),
// CUDA_STANDIN_STATE_DIR (one file per pid), CUDA_STANDIN_PIDS (CUDA processes, "101,102"),
// CUDA_STANDIN_NVML (NVML-only processes: hold a device, no CUDA context),
// CUDA_STANDIN_FAIL (pids whose lock/toggle fails), CUDA_STANDIN_DENY (pids this caller may
// not reach: runsc exec as a non-root user), STANDIN_LOG (argv as a JSON line, after
// "cuda-checkpoint").
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const driver = Number(process.env.CUDA_STANDIN_DRIVER ?? 570);
const version = { 535: '535.183.01', 550: '550.54.15', 570: '570.86.10', 580: '580.65.06', 610: '610.10.01' }[driver] ?? `${driver}.0.0`;
const stateDir = process.env.CUDA_STANDIN_STATE_DIR ?? '/tmp/cuda-standin';
const list = (name) => new Set((process.env[name] ?? '').split(',').filter(Boolean).map(Number));
const cudaPids = list('CUDA_STANDIN_PIDS');
const failing = list('CUDA_STANDIN_FAIL');
const denied = list('CUDA_STANDIN_DENY');
const args = process.argv.slice(2);
if (process.env.STANDIN_LOG) appendFileSync(process.env.STANDIN_LOG, `${JSON.stringify(['cuda-checkpoint', ...args])}\n`);

if (driver < 550) {
  process.stderr.write('Insufficient driver\n');
  process.exit(255);
}

const help = [
  'CUDA checkpoint and restore utility.',
  `Version ${version}. Copyright (C) 2025 NVIDIA Corporation. All rights reserved.`,
  '',
  'Usage: cuda-checkpoint [operation] [options]',
  '',
  'Operations:',
  '  --toggle                      Toggle the CUDA state of a process between running and checkpointed',
  ...(driver >= 555 ? [
    '  --get-state                   Print the CUDA state of a process',
    '  --get-restore-tid             Print the thread ID restore must run on',
    '  --action <action>             lock | checkpoint | restore | unlock',
  ] : []),
  ...(driver >= 610 ? ['  --launch-job|-j <program> ... Launch a program as a checkpointable job'] : []),
  '  --help|-h                     Print this help',
  '',
  'Options:',
  '  --pid|-p <pid>                The process to act on',
  ...(driver >= 555 ? ['  --timeout|-t <ms>             How long lock waits for running CUDA calls'] : []),
  ...(driver >= 580 ? ['  --device-map <old=new,...>    Remap GPUs on restore'] : []),
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
const known = ['--toggle', '--pid', '-p', '--help', '-h',
  ...(driver >= 555 ? ['--get-state', '--get-restore-tid', '--action', '--timeout', '-t'] : []),
  ...(driver >= 580 ? ['--device-map'] : []), ...(driver >= 610 ? ['--launch-job', '-j'] : [])];
for (const a of args) {
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
const fail = (line) => {
  process.stderr.write(`${line}\n`);
  process.exit(1);
};

if (has('--get-state')) {
  const s = denied.has(pid) ? null : state();
  if (!s) fail(`Error getting process state for process ID ${pid}: "initialization error"`);
  process.stdout.write(`${s}\n`);
  process.exit(0);
}
if (has('--toggle')) {
  const s = state();
  if (!s || failing.has(pid) || denied.has(pid)) fail(`Error toggling CUDA in process ID ${pid}: "OS call failed or operation not supported on this OS"`);
  if (s === 'running') set('checkpointed');
  else if (s === 'checkpointed') set('running');
  else fail(`Error toggling CUDA in process ID ${pid}: "invalid argument"`);
  process.exit(0);
}
const action = option('--action');
if (action) {
  const moves = { lock: ['running', 'locked'], checkpoint: ['locked', 'checkpointed'], restore: ['checkpointed', 'locked'], unlock: ['locked', 'running'] };
  const move = moves[action];
  if (!move) fail(`cuda-checkpoint: unknown action '${action}'`);
  const s = denied.has(pid) ? null : state();
  if (s !== move[0] || (failing.has(pid) && action === 'lock')) {
    // A lock that fails or times out leaves the process running.
    fail(action === 'lock' ? `Could not lock on process ID ${pid}: "invalid argument"` : `Could not ${action} on process ID ${pid}: "invalid argument"`);
  }
  set(move[1]);
  process.exit(0);
}
fail('cuda-checkpoint: nothing to do');
