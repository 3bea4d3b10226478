#!/usr/bin/env node
// A stand-in for current upstream runsc (release-20260817.0), which cannot be installed
// here. It follows the real CLI: Go flag syntax, help on stdout, `flags` on stderr,
// "flag provided but not defined" with exit 128 for a subcommand flag and exit 2 for a
// global one, and a checkpoint.img with the real gVisorSF header.
//
// State: <root>/stand-in-containers.json, [{id, status, pid, bundle}], seeded by tests.
// Env: STANDIN_LOG (append each argv as a JSON line), STANDIN_STDERR_LINES (lines of
// debug output a checkpoint writes), STANDIN_SLEEP_MS (every call sleeps first: a hung
// runsc), STANDIN_LIST_COUNT (list that many synthetic containers), STANDIN_LONG_LINE
// (then one stderr line of that many characters), STANDIN_GET_STATE_FAILS_AT_RESTORE (pids
// gVisor skips when it gives CUDA processes back after a restore).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// STANDIN_GENERATION picks the runsc: current (release-20260817.0: --cuda-checkpoint-path and
// nvproxy save/restore, which arrived in release-20260706.0); 20260608 (the first
// --cuda-checkpoint-path, without --cuda-checkpoint-sequential, and no nvproxy save);
// nvproxy (2023 to 2026-06: GPU support, no cuda-checkpoint flags, no nvproxy save).
const GENERATION = process.env.STANDIN_GENERATION ?? 'current';
const VERSION = { current: 'release-20260817.0', 20260608: 'release-20260608.0', nvproxy: 'release-20260511.0' }[GENERATION];
const here = dirname(fileURLToPath(import.meta.url));
const GLOBAL_HELP = readFileSync(join(here, '..', 'fixtures', 'runsc-2022-help', 'flags.txt'), 'utf8') + [
  flag('nvproxy', '', 'EXPERIMENTAL: enable support for Nvidia GPUs.'),
  flag('nvproxy-docker', '', 'DEPRECATED: use nvidia-container-runtime or `docker run --gpus` directly.'),
  flag('net-disconnect-ok', '', 'Indicates whether open network connections and open unix domain sockets should be disconnected upon save. (default true)'),
].join('');

function flag(name, type, help) {
  return `  -${name}${type ? ` ${type}` : ''}\n    \t${help}\n`;
}

const SUBCOMMANDS = {
  checkpoint: ['checkpoint [flags] <container id> - save current state of container.\n', [
    ['compression', 'value', 'compress checkpoint image on disk. Values: none|flate-best-speed. (default none)'],
    ['cuda-checkpoint-path', 'string', 'path to cuda-checkpoint binary inside the container; gVisor toggles every CUDA process'],
    ['cuda-checkpoint-sequential', '', 'toggle CUDA processes one at a time'],
    ['direct', '', 'use O_DIRECT for writing checkpoint pages file'],
    ['exclude-committed-zero-pages', '', 'exclude committed zero-filled pages from checkpoint'],
    ['image-path', 'string', 'directory path to saved container image'],
    ['leave-running', '', 'restart the container after checkpointing'],
    ['save-restore-exec-argv', 'string', 'binary run inside the sandbox around save and restore'],
    ['save-restore-exec-timeout', 'duration', 'timeout for the save/restore exec (default 5m0s)'],
    ['work-path', 'string', 'ignored'],
  ]],
  restore: ['restore [flags] <container id> - restore saved state of container.\n', [
    ['background', '', 'restore in the background (needs an uncompressed image)'],
    ['bundle', 'string', 'path to the root of the bundle directory, defaults to the current directory'],
    ['console-socket', 'string', "path to an AF_UNIX socket which will receive a file descriptor referencing the master end of the console's pseudoterminal"],
    ['detach', '', "detach from the container's process"],
    ['direct', '', 'use O_DIRECT for reading checkpoint pages file'],
    ['fs-restore-direct', '', 'use O_DIRECT for the filesystem restore image'],
    ['fs-restore-image-path', 'string', 'path to the filesystem restore image'],
    ['image-path', 'string', 'directory path to saved container image'],
    ['no-subreaper', '', 'ignored'],
    ['pid-file', 'string', 'filename that the container pid will be written to'],
    ['user-log', 'string', 'filename to send user-visible logs to. Empty means no logging.'],
    ['work-path', 'string', 'ignored'],
  ]],
  list: ['list [flags]', [['format', 'string', "output format: 'text' (default) or 'json' (default \"text\")"], ['quiet', '', 'only list container ids'], ['sandbox', '', 'limit output to sandboxes only']]],
  state: ['state [flags] <container id> - get the state of a container\n', []],
  ps: ['<container-id> [ps options]', [['format', 'string', 'output format. Select one of: table or json (default: table) (default "table")']]],
  events: ['<container-id>\n\nOPTIONS:\n', [['interval', 'int', 'set the stats collection interval, in seconds (default 5)'], ['stats', '', "display the container's stats then exit"]]],
  exec: ['exec [command options] <container-id> <command> [command options]\n\nOPTIONS:\n', [['cwd', 'string', 'current working directory'], ['detach', '', "detach from the container's process"], ['user', 'value', 'UID (format: <uid>[:<gid>])']]],
  delete: ['delete [flags] <container ids>', [['force', '', 'terminate container if running']]],
  run: ['run [flags] <container id> - create and run a secure container.\n', [['bundle', 'string', 'path to the root of the bundle directory, defaults to the current directory'], ['detach', '', "detach from the container's process"]]],
  pause: ['', []],
  resume: ['', []],
};

if (GENERATION === 'nvproxy') {
  SUBCOMMANDS.checkpoint[1] = SUBCOMMANDS.checkpoint[1].filter(([n]) => !n.startsWith('cuda-checkpoint'));
}
if (GENERATION === '20260608') {
  SUBCOMMANDS.checkpoint[1] = SUBCOMMANDS.checkpoint[1].filter(([n]) => n !== 'cuda-checkpoint-sequential');
}
const help = (sub) => SUBCOMMANDS[sub][0] + SUBCOMMANDS[sub][1].map(([n, t, h]) => flag(n, t, h)).join('');

function fail(message, code = 128) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Go's flag package: -name, --name, -name=value, -name value; stops at `--` or the first positional. */
function parseFlags(args, known, usage, code) {
  const values = {};
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') { i++; break; }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const spec = known.find((f) => f[0] === name);
    if (!spec) {
      process.stderr.write(`flag provided but not defined: -${name}\n${usage}`);
      process.exit(code);
    }
    if (spec[1] === '') values[name] = eq === -1 ? 'true' : body.slice(eq + 1);
    else if (eq !== -1) values[name] = body.slice(eq + 1);
    else values[name] = args[++i];
  }
  return { values, rest: args.slice(i) };
}

const argv = process.argv.slice(2);
if (process.env.STANDIN_LOG) appendFileSync(process.env.STANDIN_LOG, `${JSON.stringify(argv)}\n`);
if (process.env.STANDIN_SLEEP_MS) await new Promise((r) => setTimeout(r, Number(process.env.STANDIN_SLEEP_MS)));

if (argv[0] === '--version' || argv[0] === '-version') {
  process.stdout.write(`runsc version ${VERSION}\nspec: 1.1.0\n`);
  process.exit(0);
}
const globalSpecs = [...GLOBAL_HELP.matchAll(/  -([A-Za-z0-9][\w.-]*)(?: ([^\n\t]+))?\n/g)].map((m) => [m[1], m[2] ? 'v' : '']);
const { values: globals, rest } = parseFlags(argv, globalSpecs, 'Usage: runsc <flags> <subcommand> <subcommand args>\n', 2);
const [sub, ...subArgs] = rest;
if (sub === 'flags') { process.stderr.write(GLOBAL_HELP); process.exit(0); }
if (sub === 'help') {
  if (!SUBCOMMANDS[subArgs[0]]) fail(`Subcommand ${subArgs[0]} not understood`, 2);
  process.stdout.write(help(subArgs[0]));
  process.exit(0);
}
if (!SUBCOMMANDS[sub]) fail(`Usage: runsc <flags> <subcommand> <subcommand args>`, 2);
const { values, rest: positionals } = parseFlags(subArgs, SUBCOMMANDS[sub][1], help(sub), 128);

const root = globals.root ?? '/var/run/runsc';
const stateFile = join(root, 'stand-in-containers.json');
const load = () => (existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : []);
const save = (cs) => { mkdirSync(root, { recursive: true }); writeFileSync(stateFile, JSON.stringify(cs)); };
const entry = (c) => ({ ociVersion: '1.1.0', id: c.id, status: c.status, pid: c.status === 'running' ? c.pid : -1, bundle: c.bundle });
const find = (id) => load().find((c) => c.id === id) ?? fail('loading container: file does not exist');
const setStatus = (id, status) => save(load().map((x) => (x.id === id ? { ...x, status } : x)));

// A container's GPU processes: cudaPids [{pid, comm, uid?, nvml?}], NVML-only ones hold a
// device but have no CUDA thread and no CUDA state. Their states live in the
// cuda-checkpoint stand-in's state folder.
const { spawnSync } = await import('node:child_process');
const CUDA_STATE_DIR = process.env.CUDA_STANDIN_STATE_DIR ?? '/tmp/cuda-standin';
const DRIVER = Number(process.env.CUDA_STANDIN_DRIVER ?? 570);
const holders = (c) => c.cudaPids ?? [];
const cudaState = (p) => {
  if (p.nvml) return null;
  const f = join(CUDA_STATE_DIR, `${p.pid}.state`);
  return existsSync(f) ? readFileSync(f, 'utf8').trim() : 'running';
};
function cuda(c, argv, extraEnv = {}, stdio = 'pipe') {
  const pids = new Set([...(process.env.CUDA_STANDIN_PIDS ?? '').split(',').filter(Boolean), ...holders(c).filter((p) => !p.nvml).map((p) => String(p.pid))]);
  return spawnSync(process.execPath, [join(here, 'cuda-checkpoint.mjs'), ...argv], { stdio, encoding: 'utf8', env: { ...process.env, CUDA_STANDIN_PIDS: [...pids].join(','), ...extraEnv } });
}
/** gVisor's cudaProcs and filters (pkg/sentry/control): --get-state from R555, the CUDA thread name before. */
const gvisorCudaProcs = (c) => (DRIVER < 555 ? holders(c).filter((p) => !p.nvml) : holders(c).filter((p) => cuda(c, ['--get-state', '--pid', String(p.pid)]).status === 0));
/** gVisor's suspend: lock all with --timeout, then checkpoint; undo (restore, unlock) on failure. */
function gvisorSuspend(c, procs) {
  const act = (p, ...a) => cuda(c, DRIVER < 555 ? ['--toggle', '--pid', String(p.pid)] : ['--action', ...a, '--pid', String(p.pid)]);
  if (DRIVER < 555) {
    const done = [];
    for (const p of procs) {
      const r = act(p);
      if (r.status !== 0) { for (const d of done) act(d); return `cuda-checkpoint --toggle for PID ${p.pid} failed with exit status ${r.status}; output: ${JSON.stringify(r.stderr)}`; }
      done.push(p);
    }
    return null;
  }
  const locked = [];
  for (const p of procs) {
    const r = act(p, 'lock', '--timeout', '30000');
    if (r.status !== 0) { for (const l of locked) act(l, 'unlock'); return `cuda-checkpoint lock phase failed: "cuda-checkpoint --action lock --timeout 30000 for PID ${p.pid}" failed with exit status ${r.status}; output: ${JSON.stringify(r.stderr)}`; }
    locked.push(p);
  }
  for (const p of procs) act(p, 'checkpoint');
  return null;
}
function gvisorResume(c, procs) {
  for (const p of procs) {
    if (DRIVER < 555) cuda(c, ['--toggle', '--pid', String(p.pid)]);
    else { cuda(c, ['--action', 'restore', '--pid', String(p.pid)]); cuda(c, ['--action', 'unlock', '--pid', String(p.pid)]); }
  }
}
/**
 * What stops a save. Before release-20260706.0 any open nvproxy client does ("can't save with
 * live nvproxy clients", gVisor #12144). After, a CUDA process that was not checkpointed
 * still holds device state that cannot be restored; the stand-in's words for that are
 * its own (the exact upstream message is not known here). STANDIN_NVPROXY_SAVES_TOGGLED=1
 * imagines an nvproxy runsc that saves toggled processes (never seen).
 */
function saveBlocker(c) {
  if (GENERATION !== 'current') {
    const imagined = process.env.STANDIN_NVPROXY_SAVES_TOGGLED === '1';
    const live = holders(c).filter((p) => (imagined ? ['running', 'locked'].includes(cudaState(p)) : true));
    return live.length ? "checkpoint failed: saving kernel: can't save with live nvproxy clients" : null;
  }
  const live = holders(c).filter((p) => ['running', 'locked'].includes(cudaState(p)));
  return live.length ? `checkpoint failed: saving kernel: nvproxy: GPU state of PID ${live[0].pid} is not restorable (not checkpointed by cuda-checkpoint)` : null;
}

switch (sub) {
  case 'list': {
    const count = Number(process.env.STANDIN_LIST_COUNT ?? 0);
    const cs = count > 0
      ? Array.from({ length: count }, (_, i) => ({ id: `c-${i}`, status: 'running', pid: 1000 + i, bundle: `/bundles/c-${i}` }))
      : load();
    if (values.format === 'json') process.stdout.write(`${cs.length ? JSON.stringify(cs.map(entry)) : 'null'}\n`);
    else process.stdout.write(`ID PID STATUS BUNDLE CREATED OWNER\n${cs.map((c) => `${c.id} ${entry(c).pid} ${c.status} ${c.bundle} 2026-08-17T00:00:00Z root`).join('\n')}\n`);
    break;
  }
  case 'state':
    process.stdout.write(`${JSON.stringify(entry(find(positionals[0])), null, 2)}\n`);
    break;
  case 'events':
    find(positionals[0]);
    process.stdout.write(`${JSON.stringify({ type: 'stats', id: positionals[0], data: { memory: { usage: { usage: 4 << 20 } }, pids: { current: 2 } } })}\n`);
    break;
  case 'ps':
    find(positionals[0]);
    process.stdout.write('UID       PID       PPID      C         TTY       STIME     TIME      CMD\n0         1         0         0         ?         00:00     0s        sleep\n');
    break;
  case 'delete': {
    find(positionals[0]);
    save(load().filter((c) => c.id !== positionals[0]));
    break;
  }
  case 'exec': {
    // A fake container: its processes and files come from the state file. Like runsc
    // exec, it runs as the spec's user (c.user) unless --user says otherwise, and it
    // needs the binary itself: /bin/sh only where the image has one.
    const c = find(positionals[0]);
    const [cmd, ...rest] = positionals.slice(1);
    const files = c.files ?? [];
    const uid = values.user !== undefined ? Number(String(values.user).split(':')[0]) : (c.user ?? 0);
    const mine = (p) => uid === 0 || (p.uid ?? 0) === uid;
    if (!files.includes(cmd)) fail(`exec: "${cmd}": executable file not found in $PATH`);
    if (cmd === '/bin/sh' && rest[0] === '-c' && rest[1].includes('/dev/nvidia')) {
      // The device scan: "pid thread comm", thread 1 for a CUDA thread (not NVML-only).
      process.stdout.write(holders(c).filter(mine).map((p) => `${p.pid} ${p.nvml ? 0 : 1} ${p.comm}\n`).join(''));
      process.exit(0);
    }
    if (cmd.endsWith('cuda-checkpoint')) {
      if (c.libcuda === false) fail(`${cmd}: error while loading shared libraries: libcuda.so.1: cannot open shared object file: No such file or directory`, 127);
      const deny = holders(c).filter((p) => !mine(p)).map((p) => p.pid).join(',');
      const r = cuda(c, rest, { CUDA_STANDIN_DENY: deny }, 'inherit');
      process.exit(r.status ?? 1);
    }
    fail(`stand-in: cannot run ${cmd} ${rest.join(' ')}`);
    break;
  }
  case 'checkpoint': {
    const c = find(positionals[0]);
    if (c.status !== 'running') fail(`checkpoint failed: cannot checkpoint container "${c.id}" in state ${c.status}`);
    if (!values['image-path']) fail('image-path flag must be provided');
    const leave = values['leave-running'] === 'true';
    // pkg/sentry/state/state.go: a failed save tears the sandbox down unless it resumes.
    const failSave = (message) => {
      if (!leave) setStatus(c.id, 'stopped');
      fail(message);
    };
    let suspended = [];
    if (values['cuda-checkpoint-path']) {
      // What gVisor does itself: filter, lock all, checkpoint, undoing on failure.
      if (!(c.files ?? []).includes(values['cuda-checkpoint-path'])) failSave(`checkpoint failed: cuda-checkpoint binary ${values['cuda-checkpoint-path']} not found in container`);
      suspended = gvisorCudaProcs(c);
      const error = gvisorSuspend(c, suspended);
      if (error) failSave(`checkpoint failed: ${error}`);
      for (const p of suspended) process.stderr.write(`I1130 cuda: checkpointed CUDA process ${p.pid}\n`);
    }
    // After a failed save gVisor does not toggle back: the processes stay checkpointed.
    const blocker = saveBlocker(c);
    if (blocker) failSave(blocker);
    const lines = Number(process.env.STANDIN_STDERR_LINES ?? 0);
    const pad = 'x'.repeat(75);
    // As fast as the pipe takes it; process.exit would drop what Node has not flushed.
    const write = (text) => new Promise((resolve) => { if (process.stderr.write(text)) resolve(); else process.stderr.once('drain', resolve); });
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      chunk += `I1130 12:00:00.000000 ${i} save.go:${i % 1000}] stand-in debug line ${i} ${pad}\n`;
      if (chunk.length > 1 << 16) { await write(chunk); chunk = ''; }
    }
    if (chunk) await write(chunk);
    if (process.env.STANDIN_LONG_LINE) await write(`${'y'.repeat(Number(process.env.STANDIN_LONG_LINE))}\n`);
    await new Promise((resolve) => process.stderr.write('', resolve));
    mkdirSync(values['image-path'], { recursive: true });
    const img = join(values['image-path'], 'checkpoint.img');
    if (existsSync(img)) fail(`os.OpenFile("${img}") failed: open ${img}: file exists`);
    const compression = values.compression ?? 'none';
    const meta = JSON.stringify({
      _timestamp: new Date().toISOString(), compression, runsc_version: VERSION, network: globals.network ?? 'sandbox',
      container_count: '1', container_specs: JSON.stringify({ [c.id]: { process: { args: ['sleep', 'infinity'] } } }),
      // The stand-in's own key: what to toggle back after a restore, as gVisor keeps cuda-procs in its state.
      stand_in_container: JSON.stringify({ cudaPids: c.cudaPids, files: c.files, user: c.user, libcuda: c.libcuda }),
      ...(values['cuda-checkpoint-path'] ? { stand_in_cuda_procs: JSON.stringify(suspended.map((p) => p.pid)) } : {}),
    });
    const header = Buffer.alloc(16);
    header.write('gVisorSF', 0, 'latin1');
    header.writeBigUInt64BE(BigInt(Buffer.byteLength(meta)), 8);
    writeFileSync(img, Buffer.concat([header, Buffer.from(meta), Buffer.alloc(32), Buffer.alloc(4096)]), { flag: 'wx' });
    if (compression === 'none') {
      writeFileSync(join(values['image-path'], 'pages_meta.img'), Buffer.alloc(512));
      writeFileSync(join(values['image-path'], 'pages.img'), Buffer.alloc(8192));
    }
    if (leave) gvisorResume(c, suspended);
    else setStatus(c.id, 'stopped');
    break;
  }
  case 'restore': {
    if (load().some((c) => c.id === positionals[0])) fail('cannot lock container metadata file: container already exists');
    // The restored sandbox has the saved one's processes (and files): gVisor keeps pids.
    const img = readFileSync(join(values['image-path'], 'checkpoint.img'));
    const meta = JSON.parse(img.subarray(16, 16 + Number(img.readBigUInt64BE(8))).toString());
    const savedId = Object.keys(JSON.parse(meta.container_specs ?? '{}'))[0];
    const saved = load().find((c) => c.id === savedId) ?? JSON.parse(meta.stand_in_container ?? '{}');
    const restored = { cudaPids: saved.cudaPids, files: saved.files, user: saved.user, libcuda: saved.libcuda, id: positionals[0], status: 'running', pid: 4242, bundle: values.bundle ?? process.cwd() };
    save([...load(), restored]);
    // gVisor toggles its own back after a restore (postRestoreCuda), skipping without a
    // word any process whose --get-state fails at that moment (runsc/boot/restore.go), and
    // reports running all the same. STANDIN_GET_STATE_FAILS_AT_RESTORE names such pids.
    const procs = JSON.parse(meta.stand_in_cuda_procs ?? '[]');
    const failing = (process.env.STANDIN_GET_STATE_FAILS_AT_RESTORE ?? '').split(',').filter(Boolean).map(Number);
    // The saved processes come back as they were saved: checkpointed, until given back.
    mkdirSync(CUDA_STATE_DIR, { recursive: true });
    for (const pid of procs) writeFileSync(join(CUDA_STATE_DIR, `${pid}.state`), 'checkpointed\n');
    gvisorResume(restored, holders(restored).filter((p) => procs.includes(p.pid) && !failing.includes(p.pid)));
    break;
  }
  default:
    break;
}
process.exit(0);
