// Failure review: debug flags for both Debian builds, the debug folder that cannot be
// written, the job files paged, compareJobs' rows, and the redacted report.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalHost } from '../../../electron/desk/host/local-host';
import { compareJobs, lastSuccessBefore } from '../../../electron/desk/jobs/compare';
import { DEBUG_DIR, debugContext, debugProblem, plannedContext, runscWithDebug } from '../../../electron/desk/jobs/debug-logs';
import { JobFilePages, glogTime, listJobFiles } from '../../../electron/desk/jobs/job-files';
import { JobStore } from '../../../electron/desk/jobs/job-store';
import { JobRunner, type JobContext } from '../../../electron/desk/jobs/runner';
import { Redactor, envSecrets, REDACTED } from '../../../electron/desk/jobs/redact';
import { buildArgv } from '../../../electron/desk/runsc/argv';
import { RunscClient } from '../../../electron/desk/runsc/client';
import { parseFlags, parseVersion } from '../../../electron/desk/runsc/help-parser';
import { PROBED_SUBCOMMANDS } from '../../../electron/desk/runsc/probe';
import { ReviewService } from '../../../electron/desk/services/review-service';
import { DeskError } from '../../../shared/errors';
import type { Job, JobFacts } from '../../../shared/jobs';
import type { Capabilities } from '../../../shared/model';
import { parseRequest } from '../../../shared/schemas';
import { caps2022 } from './caps';

const host = new LocalHost();

/** runsc 0.0~20240729.0, from its saved help output. */
function caps2024(): Capabilities {
  const dir = join(__dirname, '../../fixtures/runsc-20240729-help');
  const read = (name: string) => readFileSync(join(dir, `${name}.txt`), 'utf8');
  const subcommands: Capabilities['subcommands'] = {};
  for (const sub of PROBED_SUBCOMMANDS) subcommands[sub] = parseFlags(read(sub));
  return { ...parseVersion(read('version'))!, global: parseFlags(read('flags')), subcommands };
}

function thrown(fn: () => unknown): DeskError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected a DeskError');
}

describe('debug flags in the one argv builder', () => {
  const restore = { id: 'web-1', bundle: '/b', imagePath: '/img', detach: true };
  for (const [name, caps] of [['0.0~20221219.0', caps2022], ['0.0~20240729.0', caps2024]] as const) {
    it(`runsc ${name}: --debug --debug-log=<folder>/ go with the global flags, before the subcommand`, () => {
      expect(caps().version).toBe(name);
      const argv = buildArgv(caps(), { root: '/r', globalFlags: ['--network=none'], debugLog: '/data/jobs/j1/runsc-debug' }, 'restore', restore);
      expect(argv.slice(0, 5)).toEqual(['--root=/r', '--network=none', '--debug', '--debug-log=/data/jobs/j1/runsc-debug/', 'restore']);
    });
  }

  it('adds nothing without debugLog, and refuses a runsc that has no --debug-log', () => {
    expect(buildArgv(caps2022(), { root: '/r', globalFlags: [] }, 'state', { id: 'c' })).toEqual(['--root=/r', 'state', '--', 'c']);
    const caps = caps2022();
    caps.global = caps.global.filter((f) => f.name !== 'debug-log');
    const error = thrown(() => buildArgv(caps, { root: '/r', globalFlags: [], debugLog: '/d' }, 'state', { id: 'c' }));
    expect(error.code).toBe('UNSUPPORTED_OPTION');
    expect(error.details?.field).toBe('debug');
  });
});

describe('the plan with debug', () => {
  it('previews the flags on the job folder to be, and refuses debug on a runsc without them, naming the field', () => {
    const root = { root: '/r', globalFlags: [] };
    expect(debugProblem(caps2024(), true)).toBeNull();
    const argv = buildArgv(caps2024(), plannedContext(root, true, null), 'checkpoint', { id: 'c', imagePath: '/img' });
    expect(argv.slice(0, 4)).toEqual(['--root=/r', '--debug', '--debug-log=<job folder>/runsc-debug/', 'checkpoint']);
    expect(plannedContext(root, false, null)).toBe(root);
    const caps = caps2024();
    caps.global = caps.global.filter((f) => f.name !== 'debug');
    expect(debugProblem(caps, true)).toMatchObject({ code: 'UNSUPPORTED_OPTION', field: 'debug', message: 'runsc 0.0~20240729.0 has no global --debug, so it cannot write debug logs.' });
    expect(debugProblem(caps, undefined)).toBeNull();
  });
});

describe('the requests', () => {
  it('checkpoint and restore take debug and rerunOf; a file name outside the job is refused by field', () => {
    expect(parseRequest('restore', { imagePath: '/img', debug: true, rerunOf: '20240101t000000-abcdef' }).debug).toBe(true);
    expect(parseRequest('checkpoint', { root: '/r', id: 'c', debug: true }).debug).toBe(true);
    const bad = thrown(() => parseRequest('getJobFile', { jobId: 'j1', name: '../../etc/shadow' }));
    expect(bad.details?.field).toBe('name');
    expect(thrown(() => parseRequest('compareJobs', { jobId: 'j1', withJobId: 'NOT A JOB' })).details?.field).toBe('withJobId');
  });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-review-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A runsc stand-in: with --debug-log it fails the way runsc does when it cannot open the file. */
function fakeRunsc(): string {
  const path = join(dir, 'runsc');
  writeFileSync(
    path,
    `#!/bin/sh\nfor a in "$@"; do case "$a" in --debug-log=*) echo 'W1201 05:21:14.022082   16802 util.go:64] FATAL ERROR: error opening debug log file in "x/": permission denied' >&2; echo 'error opening debug log file in "x/": permission denied' >&2; exit 128;; esac; done\necho ran "$@"\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

async function withJob(storeHost: LocalHost, work: (ctx: JobContext) => Promise<void>): Promise<{ job: Job; store: JobStore; runner: JobRunner }> {
  const store = new JobStore(storeHost, join(dir, 'data'));
  await store.load();
  const runner = new JobRunner(store, () => {});
  const started = await runner.start('restore', 'Restore web-1', { root: '/r', id: 'web-1' }, { imagePath: '/img' }, work);
  await runner.done(started.id);
  return { job: store.get(started.id)!, store, runner };
}

describe('debug folders runsc could not write', () => {
  it('a folder the Desk cannot make: one warning, the plain context, and the job on its own merits', async () => {
    const refusing = Object.create(host) as LocalHost;
    refusing.mkdir = async (path: string, options) => {
      if (path.endsWith(DEBUG_DIR)) throw Object.assign(new Error(`EACCES: permission denied, mkdir '${path}'`), { code: 'EACCES' });
      return host.mkdir(path, options);
    };
    const client = new RunscClient(host, fakeRunsc(), caps2022(), 'none');
    const root = { root: '/r', globalFlags: [] };
    const { job } = await withJob(refusing, async (ctx) => {
      const used = await debugContext(ctx, client, root, true);
      expect(used).toEqual(root);
    });
    expect(job.status).toBe('succeeded');
    expect(job.warnings).toHaveLength(1);
    expect(job.warnings[0]).toMatch(/No debug logs: .*runsc-debug could not be created \(EACCES/);
    expect(job.debugLogDir).toBeNull();
  });

  it('runsc refusing its --debug-log: the step runs again without it, warned once', async () => {
    const client = new RunscClient(host, fakeRunsc(), caps2022(), 'none');
    const { job } = await withJob(host, async (ctx) => {
      const root = await debugContext(ctx, client, { root: '/r', globalFlags: [] }, true);
      expect(root.debugLog).toBe(join(ctx.folder, DEBUG_DIR));
      await ctx.step('runsc', 'List', async (step) => {
        const result = await runscWithDebug(ctx, step, root, (rc) => ({ host, binary: client.binary, privilege: 'none', args: client.argv(rc, 'state', { id: 'c' }) }));
        expect(result.exitCode).toBe(0);
        expect(result.argv).not.toContain('--debug');
      });
    });
    expect(job.status).toBe('succeeded');
    expect(job.warnings).toEqual([expect.stringMatching(/^runsc could not write its debug logs to .*runsc-debug\/: error opening debug log file in "x\/": permission denied The step ran again without --debug\.$/)]);
    expect(job.debugLogDir).toBeNull();
  });
});

describe('job files', () => {
  it('lists the debug logs and pages a large one by line, without reading past the page', async () => {
    const folder = join(dir, 'job');
    mkdirSync(join(folder, DEBUG_DIR), { recursive: true });
    const lines = Array.from({ length: 25_003 }, (_, i) => `${i % 97 === 0 ? 'E' : 'I'}0729 12:00:${String(i % 60).padStart(2, '0')}.123456   42 main.go:1] line ${i}`);
    writeFileSync(join(folder, DEBUG_DIR, 'runsc.log.20240729-120000.000001.restore.txt'), lines.join('\n'));
    writeFileSync(join(folder, 'container-stdio.log'), 'hello\n');
    writeFileSync(join(folder, 'log.ndjson'), '');
    const files = await listJobFiles(host, folder);
    expect(files.map((f) => [f.name, f.kind])).toEqual([
      ['runsc-debug/runsc.log.20240729-120000.000001.restore.txt', 'debug-log'],
      ['container-stdio.log', 'stdio'],
    ]);
    const pages = new JobFilePages(host);
    const page = await pages.read(folder, files[0]!.name, 12_345, 3);
    expect(page.total).toBe(25_003);
    expect(page.next).toBe(12_348);
    expect(page.lines.map((l) => l.text)).toEqual(lines.slice(12_345, 12_348));
    const tail = await pages.read(folder, files[0]!.name, 25_000, 100);
    expect(tail.lines.map((l) => l.text)).toEqual(lines.slice(25_000));
    await expect(pages.read(folder, 'runsc-debug/other.txt')).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'name' } });
    writeFileSync(join(folder, 'j1.report.tar.gz'), Buffer.from([0x1f, 0x8b, 0]));
    expect((await listJobFiles(host, folder)).map((f) => f.kind)).toEqual(['debug-log', 'stdio', 'report']);
    await expect(pages.read(folder, 'j1.report.tar.gz')).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'name' } });
  });

  it('reads a glog time in the year the file was written', () => {
    expect(new Date(glogTime('E0729 12:34:56.789012   1 x.go:1] boom', 2024)!).toISOString()).toBe(new Date(2024, 6, 29, 12, 34, 56, 789).toISOString());
    expect(glogTime('  goroutine 1 [running]:', 2024)).toBeNull();
  });
});

const facts = (over: Partial<JobFacts> = {}): JobFacts => ({
  host: 'local',
  runscPath: '/opt/runsc-20240729/usr/bin/runsc',
  runscVersion: '0.0~20240729.0',
  globalFlags: ['--network=none'],
  bundle: '/b',
  specDigest: 'sha256:aaa',
  freeBytes: 10 * 1024 ** 3,
  imageBytes: 50 * 1024 ** 2,
  ...over,
});

function job(over: Partial<Job> & { id: string }): Job {
  return {
    kind: 'restore',
    title: 'Restore web-1',
    target: { root: '/r', id: 'web-1' },
    options: { imagePath: '/img/a' },
    status: 'succeeded',
    steps: [],
    createdAt: 1,
    startedAt: 1,
    endedAt: 2,
    warnings: [],
    notes: [],
    diagnosis: null,
    error: null,
    imagePath: '/img/a',
    imageBytes: null,
    createdDirs: [],
    logLines: 0,
    facts: facts(),
    ...over,
  };
}

const step = (argv: string[]) => ({ name: 'runsc', title: 'Restore', status: 'succeeded' as const, argv, startedAt: 1, endedAt: 2, exitCode: 0, signal: null, stdoutLines: 0, stderrLines: 0 });

describe('compareJobs', () => {
  const ok = job({
    id: 'ok',
    createdAt: 10,
    steps: [step(['/opt/runsc-20240729/usr/bin/runsc', '--root=/r', '--network=none', 'restore', '--bundle=/b', '--image-path=/img/a', '--detach', '--', 'web-1'])],
  });
  const failed = job({
    id: 'failed',
    createdAt: 20,
    status: 'failed',
    options: { imagePath: '/img/a', debug: true, rerunOf: 'x' },
    facts: facts({ runscPath: '/usr/bin/runsc', runscVersion: '0.0~20221219.0', globalFlags: ['--network=host'] }),
    steps: [step(['/usr/bin/runsc', '--root=/r', '--network=host', '--debug', '--debug-log=/d/', 'restore', '--bundle=/b', '--image-path=/img/a', '--detach', '--', 'web-1'])],
  });

  it('answers only the rows that differ: binary, version, the profile, argv word by word, options', () => {
    const result = compareJobs(failed, ok);
    expect(result.withJobId).toBe('ok');
    expect(result.message).toBeNull();
    expect(result.rows).toEqual([
      { field: 'runsc binary', before: '/opt/runsc-20240729/usr/bin/runsc', after: '/usr/bin/runsc' },
      { field: 'runsc version', before: '0.0~20240729.0', after: '0.0~20221219.0' },
      { field: 'root global flags', before: '--network=none', after: '--network=host' },
      { field: 'argv command', before: '/opt/runsc-20240729/usr/bin/runsc', after: '/usr/bin/runsc' },
      { field: 'argv global --network', before: '--network=none', after: '--network=host' },
      { field: 'argv global --debug', before: '(absent)', after: '--debug' },
      { field: 'argv global --debug-log', before: '(absent)', after: '--debug-log=/d/' },
      { field: 'option debug', before: '(not set)', after: 'true' },
    ]);
  });

  it('shows the spec digest and a disk that no longer fits the image', () => {
    const short = job({ id: 'short', createdAt: 30, status: 'failed', facts: facts({ specDigest: 'sha256:bbb', freeBytes: 1024 ** 2 }) });
    const rows = compareJobs(short, ok).rows;
    expect(rows).toContainEqual({ field: 'spec digest (config.json)', before: 'sha256:aaa', after: 'sha256:bbb' });
    expect(rows).toContainEqual({ field: 'free disk against image size', before: '10.0 GiB free, image 50.0 MiB', after: '1.0 MiB free, image 50.0 MiB (does not fit)' });
  });

  it('picks the last success of the same image (restore) or container (checkpoint), before the failure', () => {
    const other = job({ id: 'other-image', createdAt: 15, imagePath: '/img/b', options: { imagePath: '/img/b' } });
    const later = job({ id: 'later', createdAt: 40 });
    const older = job({ id: 'older', createdAt: 5 });
    expect(lastSuccessBefore(failed, [older, ok, other, later, failed])?.id).toBe('ok');
    const cp = job({ id: 'cp-failed', kind: 'checkpoint', createdAt: 50, status: 'failed', target: { root: '/r', id: 'web-2' } });
    const cpOk = job({ id: 'cp-ok', kind: 'checkpoint', createdAt: 45, target: { root: '/r', id: 'web-2' } });
    const cpElse = job({ id: 'cp-else', kind: 'checkpoint', createdAt: 48, target: { root: '/r', id: 'web-3' } });
    expect(lastSuccessBefore(cp, [cpOk, cpElse, cp])?.id).toBe('cp-ok');
  });

  it('says "nothing to compare with" when no success came before, and is not an error', () => {
    const result = compareJobs(failed, lastSuccessBefore(failed, [failed]));
    expect(result).toEqual({ jobId: 'failed', withJobId: null, rows: [], message: 'Nothing to compare with: no earlier restore of the image /img/a succeeded.' });
  });
});

describe('redaction', () => {
  const redactor = new Redactor(envSecrets(['PATH=/bin', 'API_TOKEN=tok-4242-secret', 'SHORT=ab']));
  it('hides env values wherever they appear, env entries in JSON and Go formats, and token-like words', () => {
    expect(redactor.text('I0729 boot.go:1] Spec: {"process":{"env":["PATH=/bin","API_TOKEN=tok-4242-secret"]}}')).toBe(
      `I0729 boot.go:1] Spec: {"process":{"env":["PATH=${REDACTED}","API_TOKEN=${REDACTED}"]}}`,
    );
    expect(redactor.text('Process: {Env:[PATH=/bin HOME=/root] Args:[sh]}')).toBe(`Process: {Env:[PATH=${REDACTED} HOME=${REDACTED}] Args:[sh]}`);
    expect(redactor.text('args tok-4242-secret --flag')).toBe(`args ${REDACTED} --flag`);
    expect(redactor.text('password=hunter2 Authorization: Bearer abc.def')).toBe(`password=${REDACTED} Authorization: Bearer ${REDACTED}`);
    expect(redactor.text('--network=none /bin/busybox')).toBe('--network=none /bin/busybox');
  });

  it('empties secret-named keys of a JSON value and redacts its strings', () => {
    expect(redactor.json({ options: { env: ['A=b'], imagePath: '/img', token: 'x' }, note: 'tok-4242-secret' })).toEqual({
      options: { env: REDACTED, imagePath: '/img', token: REDACTED },
      note: REDACTED,
    });
  });
});

describe('exportJobReport', () => {
  const SECRET = 'hunter2-report-secret-value';
  // The first read chunk (1 MiB) ends between the two bytes of that "ü".
  const BIG = `${'a'.repeat(1024 * 1024 - 1)}ü\n${Array.from({ length: 60_000 }, (_, i) => `D0729 12:00:00.000000 1 boot.go:1] grüße ${'ü'.repeat(i % 7)} ${i}\n`).join('')}`;

  it('is refused while the job runs, then writes one .tar.gz holding the files and not the secret', async () => {
    const bundle = join(dir, 'bundle');
    mkdirSync(bundle);
    writeFileSync(join(bundle, 'config.json'), JSON.stringify({ process: { args: ['sh'], env: ['PATH=/bin', `DB_PASSWORD=${SECRET}`] }, root: { path: 'rootfs' } }));
    const store = new JobStore(host, join(dir, 'data'));
    await store.load();
    const runner = new JobRunner(store, () => {});
    const review = new ReviewService(store, runner, '9.9.9');
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const started = await runner.start('restore', 'Restore web-1', { root: '/r', id: 'web-1' }, { imagePath: '/img', bundle }, async (ctx) => {
      ctx.update({ facts: facts({ runscPath: fakeRunsc(), bundle }) });
      mkdirSync(join(ctx.folder, DEBUG_DIR));
      writeFileSync(join(ctx.folder, DEBUG_DIR, 'runsc.log.1.restore.txt'), `I0729 12:00:00.000000 1 x.go:1] Spec: {"env":["DB_PASSWORD=${SECRET}"]}\nE0729 12:00:01.000000 1 x.go:2] header error: unexpected EOF\n`);
      // Past one read chunk, with characters of two bytes to be split between reads.
      writeFileSync(join(ctx.folder, DEBUG_DIR, 'runsc.log.2.boot.txt'), BIG);
      ctx.say(`env was DB_PASSWORD=${SECRET}`);
      await gate;
    });
    await expect(review.exportJobReport({ jobId: started.id })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'jobId' } });
    finish();
    await runner.done(started.id);

    const { path, bytes } = await review.exportJobReport({ jobId: started.id });
    expect(path).toBe(join(store.folder(started.id), `${started.id}.report.tar.gz`));
    expect(bytes).toBeGreaterThan(0);
    const out = join(dir, 'out');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', path, '-C', out]);
    const top = join(out, `${started.id}-report`);
    expect(readdirSync(top).sort()).toEqual(['README.txt', 'desk-version.txt', 'job.json', 'log.txt', 'runsc-debug', 'runsc-flags.txt', 'runsc-version.txt', 'spec-summary.json', 'uname.txt']);
    expect(readFileSync(join(top, 'runsc-debug', 'runsc.log.1.restore.txt'), 'utf8')).toContain('header error: unexpected EOF');
    expect(readFileSync(join(top, 'runsc-debug', 'runsc.log.2.boot.txt'), 'utf8')).toBe(BIG);
    expect(readFileSync(join(top, 'desk-version.txt'), 'utf8')).toBe('Checkpoint Desk 9.9.9\n');
    expect(readFileSync(join(top, 'uname.txt'), 'utf8')).toMatch(/^\$ uname -a\nLinux /);
    expect(readFileSync(join(top, 'runsc-version.txt'), 'utf8')).toContain('ran --version');
    expect(JSON.parse(readFileSync(join(top, 'spec-summary.json'), 'utf8'))).toMatchObject({ bundle, args: ['sh'] });
    // Every byte of the archive, unpacked and packed: the secret is in none of them.
    const all = execFileSync('sh', ['-c', `cat "${top}"/*.* "${top}"/runsc-debug/*; gzip -dc "${path}"`], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
    expect(all).toContain('DB_PASSWORD=[redacted]');
    expect(all).not.toContain(SECRET);
    expect(existsSync(join(store.folder(started.id), 'runsc-debug'))).toBe(true);
    expect(readdirSync(store.folder(started.id)).filter((n) => n.startsWith('.report-'))).toEqual([]);
    await runner.idle();
  });

  it('getJobReport hands the same archive over as base64, for a download', async () => {
    const store = new JobStore(host, join(dir, 'data'));
    await store.load();
    const runner = new JobRunner(store, () => {});
    const review = new ReviewService(store, runner, '9.9.9');
    const started = await runner.start('delete', 'Delete x', { root: '/r', id: 'x' }, {}, async () => {});
    await runner.done(started.id);
    const report = await review.getJobReport({ jobId: started.id });
    expect(report.name).toBe(`${started.id}.report.tar.gz`);
    expect(Buffer.from(report.base64, 'base64').equals(readFileSync(report.path))).toBe(true);
    await expect(review.compareJobs({ jobId: started.id, withJobId: started.id })).rejects.toMatchObject({ details: { field: 'withJobId' } });
    await expect(review.compareJobs({ jobId: started.id })).resolves.toMatchObject({ withJobId: null, rows: [] });
    await runner.idle();
  });
});
