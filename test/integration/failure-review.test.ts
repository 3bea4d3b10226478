// Failure review on the real runsc builds: an image restored by the other Debian build,
// with debug logs. The debug files exist and hold the cause, compareJobs names the runsc
// version that changed, and the report holds the files but not the bundle's secret.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job, JobComparison, JobFile, JobLogPage } from '../../shared/jobs';
import { startDesk } from '../support/desk-harness';
import { busyboxBundle, requireRealRunsc } from '../support/real-runsc';

const BUILDS = { '0.0~20221219.0': '/usr/bin/runsc', '0.0~20240729.0': '/opt/runsc-20240729/usr/bin/runsc' } as const;
type Version = keyof typeof BUILDS;
const SECRET = 'desk-review-secret-4f1c9a';
const haveBoth = Object.values(BUILDS).every((b) => existsSync(b));

function deleteAll(root: string): void {
  for (const binary of Object.values(BUILDS)) {
    let ids: string[] = [];
    try {
      ids = (JSON.parse(execFileSync(binary, [`--root=${root}`, 'list', '--format=json'], { encoding: 'utf8', timeout: 20_000 }).trim() || 'null') ?? []).map((c: { id: string }) => c.id);
    } catch {
      // This build cannot read the root: the other one cleans it.
    }
    for (const id of ids) {
      try {
        execFileSync(binary, [`--root=${root}`, 'delete', '--force', id], { timeout: 20_000, stdio: 'ignore' });
      } catch {
        // Already gone.
      }
    }
  }
}

async function readAll(call: <T>(m: string, p: unknown) => Promise<T>, jobId: string, name: string): Promise<string> {
  const parts: string[] = [];
  for (let offset = 0; ; ) {
    const page = await call<JobLogPage>('getJobFile', { jobId, name, offset, limit: 10_000 });
    parts.push(...page.lines.map((l) => l.text));
    offset = page.next;
    if (page.lines.length === 0 || offset >= page.total) break;
  }
  return parts.join('\n');
}

const directions: [Version, Version][] = [
  ['0.0~20240729.0', '0.0~20221219.0'],
  ['0.0~20221219.0', '0.0~20240729.0'],
];

describe.runIf(requireRealRunsc() && haveBoth)('failure review, an image restored by the other runsc build', () => {
  const works: string[] = [];
  afterAll(() => {
    for (const work of works) {
      deleteAll(join(work, 'data', 'root'));
      rmSync(work, { recursive: true, force: true });
    }
  });

  for (const [maker, restorer] of directions) {
    it(`made by ${maker}, restored by ${restorer} with debug logs: the cause in the debug files, the version row, a report without the secret`, async () => {
      const work = mkdtempSync(join(tmpdir(), 'desk-review-'));
      works.push(work);
      const bundle = busyboxBundle(join(work, 'bundle'));
      const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
      spec.process.env.push(`REVIEW_TOKEN=${SECRET}`);
      writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));

      // The image, and a restore that worked, with the build that made it.
      const a = await startDesk(BUILDS[maker], work);
      const root = join(a.dataDir, 'root');
      const id = `rv-${maker.slice(4, 8)}`;
      let imagePath: string;
      let okJob: Job;
      try {
        execFileSync(BUILDS[maker], [`--root=${root}`, '--network=none', 'run', '--detach', `--bundle=${bundle}`, id], { stdio: 'ignore', timeout: 30_000 });
        await new Promise((r) => setTimeout(r, 1500));
        const cp = await a.waitJob((await a.call<{ jobId: string }>('checkpoint', { root, id, debug: true })).jobId, 90_000);
        expect(cp.status, JSON.stringify(cp.error)).toBe('succeeded');
        expect(cp.warnings).toEqual([]);
        const cpFiles = await a.call<JobFile[]>('listJobFiles', { jobId: cp.id });
        expect(cpFiles.some((f) => f.kind === 'debug-log' && f.name.endsWith('.checkpoint.txt') && f.bytes > 0)).toBe(true);
        imagePath = cp.imagePath!;
        okJob = await a.waitJob((await a.call<{ jobId: string }>('restore', { imagePath, id: `ok-${id}` })).jobId, 90_000);
        expect(okJob.status, JSON.stringify(okJob.error)).toBe('succeeded');
        expect(okJob.facts).toMatchObject({ host: 'local', runscPath: BUILDS[maker], runscVersion: maker, globalFlags: ['--network=none'] });
        expect(okJob.facts?.specDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      } finally {
        await a.desk.close();
      }

      // The other build, with debug logs.
      const b = await startDesk(BUILDS[restorer], work);
      try {
        // On purpose with the other build: the Desk would pick the one that made the image.
        const other = { runsc: BUILDS[restorer], allowVersionMismatch: true };
        const plan = await b.call<{ argv: string[]; problems: unknown[] }>('planRestore', { imagePath, id: `bad-${id}`, debug: true, ...other });
        expect(plan.problems).toEqual([]);
        expect(plan.argv).toContain('--debug-log=<job folder>/runsc-debug/');
        const failed = await b.waitJob((await b.call<{ jobId: string }>('restore', { imagePath, id: `bad-${id}`, debug: true, ...other })).jobId, 90_000);
        expect(failed.status).toBe('failed');
        // runsc's words differ by direction ("contains different fields", or a 2024 image's
        // "header error: unexpected EOF" under 2022); the diagnosis names the versions.
        expect(failed.diagnosis?.title).toBe('A different runsc made this image');
        expect(failed.error?.message).toContain(`runsc ${maker} made this image`);
        expect(failed.debugLogDir).toBe(join(b.dataDir, 'jobs', failed.id, 'runsc-debug'));
        const argv = failed.steps.find((s) => s.name === 'runsc')!.argv!;
        expect(argv.slice(0, 5)).toEqual([BUILDS[restorer], `--root=${root}`, '--network=none', '--debug', `--debug-log=${failed.debugLogDir}/`]);

        const files = await b.call<JobFile[]>('listJobFiles', { jobId: failed.id });
        const debugLogs = files.filter((f) => f.kind === 'debug-log');
        expect(debugLogs.length).toBeGreaterThan(0);
        expect(debugLogs.some((f) => /^runsc-debug\/runsc\.log\.\d{8}-\d{6}\.\d+\.restore\.txt$/.test(f.name))).toBe(true);
        const texts = await Promise.all(debugLogs.map((f) => readAll(b.call, failed.id, f.name)));
        expect(texts.some((t) => /contains different fields|header error: unexpected EOF/.test(t))).toBe(true);

        const comparison = await b.call<JobComparison>('compareJobs', { jobId: failed.id });
        expect(comparison.withJobId).toBe(okJob.id);
        expect(comparison.rows).toContainEqual({ field: 'runsc version', before: maker, after: restorer });
        expect(comparison.rows).toContainEqual({ field: 'option debug', before: '(not set)', after: 'true' });
        expect(comparison.rows.find((r) => r.field === 'spec digest (config.json)')).toBeUndefined();

        const report = await b.call<{ path: string; bytes: number }>('exportJobReport', { jobId: failed.id });
        const out = join(work, 'report');
        mkdirSync(out);
        execFileSync('tar', ['-xzf', report.path, '-C', out]);
        const top = join(out, `${failed.id}-report`);
        expect(readdirSync(join(top, 'runsc-debug')).sort()).toEqual(debugLogs.map((f) => f.name.slice('runsc-debug/'.length)).sort());
        expect(readFileSync(join(top, 'runsc-version.txt'), 'utf8')).toContain(`runsc version ${restorer}`);
        expect(readFileSync(join(top, 'runsc-flags.txt'), 'utf8')).toContain('-debug-log');
        expect(JSON.parse(readFileSync(join(top, 'job.json'), 'utf8')).id).toBe(failed.id);
        const everything = execFileSync('sh', ['-c', `cat "${top}"/*.* "${top}"/runsc-debug/*; gzip -dc "${report.path}"`], { maxBuffer: 512 * 1024 * 1024 }).toString('latin1');
        expect(everything).toContain('contains different fields');
        expect(everything).not.toContain(SECRET);
        // The secret was there to be found: runsc's own debug logs print the spec, env and all.
        const raw = debugLogs.map((f) => readFileSync(join(failed.debugLogDir!, f.name.slice('runsc-debug/'.length)), 'latin1')).join('\n');
        expect(raw).toContain(SECRET);
      } finally {
        await b.desk.close();
      }
    }, 240_000);
  }
});
