// What no Debian runsc has: current upstream's --cuda-checkpoint-path (20260608.0),
// `statefile` and `restore --background` (20240930.0), and flags such as
// --save-restore-exec-timeout. Its stand-in follows the real CLI. --compression, --direct,
// --exclude-committed-zero-pages and in-place leave-running are tested for real on Debian's
// runsc 0.0~20240729.0 (checkpoint.test.ts, images-restore.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointPlan } from '../../shared/jobs';
import type { Overview } from '../../shared/model';
import { startDesk } from '../support/desk-harness';

const STANDIN = join(__dirname, '..', 'support', 'runsc-current.mjs');

describe('checkpoint on a runsc with current upstream flags (stand-in)', () => {
  let h: Awaited<ReturnType<typeof startDesk>>;
  let root: string;

  beforeAll(async () => {
    h = await startDesk(STANDIN);
    process.env.STANDIN_LOG = join(h.work, 'calls.ndjson');
    root = join(h.work, 'root');
    mkdirSync(root, { recursive: true });
    const containers = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, status: 'running', pid: 100 + i, bundle: '/bundle' }));
    writeFileSync(join(root, 'stand-in-containers.json'), JSON.stringify(containers));
    await h.call('addRoot', { path: root, globalFlags: ['--network=none'] });
  });
  afterAll(async () => {
    delete process.env.STANDIN_LOG;
    await h?.desk.close();
  });

  it('reports the current options as supported', async () => {
    const overview = await h.call<Overview>('getOverview', {});
    expect(overview.runsc.version).toBe('release-20260817.0');
    expect(overview.checkpointOptions.filter((o) => o.supported).map((o) => o.option)).toEqual([
      'imagePath', 'leaveRunning', 'workPath', 'compression', 'direct', 'excludeCommittedZeroPages', 'cuda',
    ]);
  });

  it('accepts an extra flag this runsc knows, and refuses one it does not', async () => {
    const plan = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'd', imagePath: join(h.work, 'images', 'd2'), extraFlags: ['--save-restore-exec-timeout=1m'] });
    expect(plan.problems).toEqual([]);
    expect(plan.argv).toContain('--save-restore-exec-timeout=1m');
    const bad = await h.call<CheckpointPlan>('planCheckpoint', { root, id: 'd', imagePath: join(h.work, 'images', 'd3'), extraFlags: ['--allow-open-tcp'] });
    expect(bad.problems[0]).toMatchObject({ code: 'UNSUPPORTED_OPTION', field: 'extraFlags.0' });
  });
});
