import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../../electron/desk/jobs/job-store';
import type { Job, JobStep } from '../../../shared/jobs';
import { requestSchemas } from '../../../shared/schemas';
import { LocalHost } from '../../../electron/desk/host/local-host';

const host = new LocalHost();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-jobstore-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function step(patch: Partial<JobStep> = {}): JobStep {
  return {
    name: 'runsc', title: 'Checkpoint with runsc', status: 'succeeded', argv: ['runsc', '--root=/r', 'checkpoint', '--', 'c'],
    startedAt: 1000, endedAt: 2000, exitCode: 0, signal: null, stdoutLines: 1, stderrLines: 2, ...patch,
  };
}

function job(id: string, patch: Partial<Job> = {}): Job {
  return {
    id, kind: 'checkpoint', title: 'Checkpoint web-1', target: { root: '/var/run/runsc', id: 'web-1' },
    options: { imagePath: '/img/a', leaveRunning: true }, status: 'succeeded', steps: [step()],
    createdAt: 1_700_000_000_000, startedAt: 1_700_000_000_001, endedAt: 1_700_000_000_500,
    warnings: ['w'], notes: [], diagnosis: null, error: null, imagePath: '/img/a', imageBytes: 4096, createdDirs: ['/img'], logLines: 3,
    ...patch,
  };
}

describe('JobStore', () => {
  it('saves and loads a job unchanged, as a 0600 file', async () => {
    const store = new JobStore(host, dir);
    await store.load();
    const saved = job('20261130t120000-abcdef', {
      status: 'failed',
      error: { code: 'RUNSC_FAILED', message: 'boom', details: { exitCode: 128 } },
      diagnosis: { title: 't', evidence: 'e', fix: 'f' },
    });
    await store.save(saved);
    expect(store.get(saved.id)).toEqual(saved);
    const file = join(dir, 'jobs', saved.id, 'job.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);

    const again = new JobStore(host, dir);
    await again.load();
    expect(again.get(saved.id)).toEqual(saved);
    expect(again.corrupt).toEqual([]);
  });

  it('creates its folder on load', async () => {
    const store = new JobStore(host, join(dir, 'data'));
    await store.load();
    expect(statSync(store.dir).isDirectory()).toBe(true);
    expect(store.list()).toEqual([]);
  });

  it('loads a job left running as interrupted, with a note, and saves that', async () => {
    const store = new JobStore(host, dir);
    await store.load();
    await store.save(job('a', { status: 'running', endedAt: null, steps: [step(), step({ name: 'restore', status: 'running', endedAt: null })] }));
    await store.save(job('b', { status: 'queued', endedAt: null, steps: [] }));

    const reloaded = new JobStore(host, dir);
    await reloaded.load();
    const a = reloaded.get('a')!;
    expect(a.status).toBe('interrupted');
    expect(a.endedAt).toEqual(expect.any(Number));
    expect(a.steps.map((s) => s.status)).toEqual(['succeeded', 'cancelled']);
    expect(a.notes).toHaveLength(1);
    expect(a.notes[0]).toMatch(/stopped while this job ran/);
    expect(reloaded.get('b')?.status).toBe('interrupted');

    // Persisted: a third start sees it interrupted already, and adds no second note.
    const third = new JobStore(host, dir);
    await third.load();
    expect(third.get('a')?.status).toBe('interrupted');
    expect(third.get('a')?.notes).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'jobs', 'a', 'job.json'), 'utf8')).status).toBe('interrupted');
  });

  it('reports corrupt jobs and loads the others', async () => {
    const store = new JobStore(host, dir);
    await store.load();
    await store.save(job('good-1', { createdAt: 1 }));
    await store.save(job('good-2', { createdAt: 2 }));
    const bad = (id: string, content: string | null) => {
      mkdirSync(join(dir, 'jobs', id), { recursive: true });
      if (content !== null) writeFileSync(join(dir, 'jobs', id, 'job.json'), content);
    };
    bad('bad-json', '{"id": "bad-json", "status": ');
    bad('no-steps', JSON.stringify({ id: 'no-steps', status: 'succeeded' }));
    bad('no-id', JSON.stringify({ status: 'failed', steps: [] }));
    bad('no-file', null);

    const reloaded = new JobStore(host, dir);
    await reloaded.load();
    expect(reloaded.list().map((j) => j.id).sort()).toEqual(['good-1', 'good-2']);
    expect(reloaded.corrupt.map((c) => c.id).sort()).toEqual(['bad-json', 'no-file', 'no-id', 'no-steps']);
    for (const c of reloaded.corrupt) expect(c.reason.length, c.id).toBeGreaterThan(0);
    expect(reloaded.corrupt.find((c) => c.id === 'no-steps')?.reason).toMatch(/id, status or steps/);
  });

  it('lists newest first', async () => {
    const store = new JobStore(host, dir);
    await store.load();
    await store.save(job('old', { createdAt: 100 }));
    await store.save(job('newest', { createdAt: 300 }));
    await store.save(job('middle', { createdAt: 200 }));
    expect(store.list().map((j) => j.id)).toEqual(['newest', 'middle', 'old']);
    const reloaded = new JobStore(host, dir);
    await reloaded.load();
    expect(reloaded.list().map((j) => j.id)).toEqual(['newest', 'middle', 'old']);
  });

  it('makes ids that are unique, sortable by time, and valid job ids', () => {
    const store = new JobStore(host, dir);
    const ids = new Set(Array.from({ length: 50 }, () => store.newId()));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^\d{8}t\d{6}-[0-9a-f]{6}$/);
      expect(requestSchemas.getJob.safeParse({ jobId: id }).success).toBe(true);
    }
    expect(store.logFile('x')).toBe(join(dir, 'jobs', 'x', 'log.ndjson'));
    expect(store.folder('x')).toBe(join(dir, 'jobs', 'x'));
  });
});
