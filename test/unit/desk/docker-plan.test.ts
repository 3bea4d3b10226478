// The checkpoint plan in Docker's words, with a fake engine: the checkpoint name and
// folder, which way leave-running goes for this runtime's runsc, and runsc's own
// options refused at their field.
import { describe, expect, it } from 'vitest';
import { reviseForDocker } from '../../../electron/desk/checkpoint/docker-plan';
import type { CheckpointPlanDetail, CheckpointRequest } from '../../../electron/desk/checkpoint/plan';
import type { RuntimeVersions } from '../../../electron/desk/docker/runtimes';
import { toContainer } from '../../../electron/desk/docker/listing';
import { INFO, engineContainer, fakeEngine } from '../../support/docker';

const ROOT = '/var/run/docker/runtime-runc/moby';
const ID = 'a'.repeat(64);

function versions(version: string | null): RuntimeVersions {
  return { nativeLeaveRunning: async () => ({ native: version !== null && version >= '0.0~2024', version }) } as unknown as RuntimeVersions;
}

function basePlan(): CheckpointPlanDetail {
  const container = toContainer(INFO, { path: ROOT, globalFlags: [] }, engineContainer({ id: ID }));
  return {
    argv: ['runsc', 'checkpoint'], problems: [], warnings: ['runsc words'], imagePath: '/desk/images/x', followUps: [],
    root: null, container, emulateLeaveRunning: false, checkpointOptions: { id: ID, imagePath: '/desk/images/x' }, cuda: {} as CheckpointPlanDetail['cuda'],
  };
}

async function plan(request: Partial<CheckpointRequest>, version: string | null, info = INFO, existing: string[] = []) {
  const engine = { ...fakeEngine([engineContainer({ id: ID })], info), listCheckpoints: async () => existing };
  const p = basePlan();
  await reviseForDocker({ engine, versions: versions(version) }, p, { root: ROOT, id: ID, ...request });
  return p;
}

describe('the checkpoint plan on a Docker root', () => {
  it('names the checkpoint and writes into Docker\'s folder', async () => {
    const p = await plan({ checkpointName: 'cp1' }, '0.0~20221219.0');
    expect(p.imagePath).toBe(`/var/lib/docker/containers/${ID}/checkpoints/cp1`);
    expect(p.argv).toEqual(['docker', 'checkpoint', 'create', 'web', 'cp1']);
    expect(p.problems).toEqual([]);
    expect((await plan({}, '0.0~20221219.0')).imagePath).toMatch(/\/checkpoints\/desk-\d{8}T\d{6}Z$/);
  });

  it('leaves running Docker\'s way where runsc resumes in place', async () => {
    const p = await plan({ leaveRunning: true, checkpointName: 'cp1' }, '0.0~20240729.0');
    expect(p.emulateLeaveRunning).toBe(false);
    expect(p.argv).toEqual(['docker', 'checkpoint', 'create', '--leave-running', 'web', 'cp1']);
    expect(p.followUps).toEqual([]);
  });

  it('checkpoints then starts from the checkpoint where runsc cannot, and says so', async () => {
    const p = await plan({ leaveRunning: true, checkpointName: 'cp1' }, '0.0~20221219.0');
    expect(p.emulateLeaveRunning).toBe(true);
    expect(p.followUps).toEqual([{ title: 'Start web from cp1', argv: ['docker', 'start', '--checkpoint', 'cp1', 'web'] }]);
    expect(p.warnings.join('\n')).toContain('paused => stopped');
    expect((await plan({ leaveRunning: true }, null)).emulateLeaveRunning).toBe(true);
  });

  it('refuses the emulated way where Docker cannot restore, and runsc\'s options at their field', async () => {
    const p = await plan({ leaveRunning: true, compression: 'none', imagePath: '/tmp/x' }, '0.0~20221219.0', { ...INFO, version: '28.1.0' });
    expect(p.problems.map((x) => x.field).sort()).toEqual(['compression', 'imagePath', 'leaveRunning']);
    expect(p.problems.find((x) => x.field === 'leaveRunning')?.message).toContain('moby/moby#50750');
  });

  it('refuses debug logs at their field: Docker starts runsc, so they belong in its runtimeArgs', async () => {
    const p = await plan({ debug: true }, '0.0~20240729.0');
    expect(p.problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_OPTION', field: 'debug', message: expect.stringContaining('runtimeArgs') })]);
  });

  it('refuses a name Docker already has, and an engine without experimental', async () => {
    const taken = await plan({ checkpointName: 'cp1' }, '0.0~20240729.0', INFO, ['cp1']);
    expect(taken.problems).toEqual([expect.objectContaining({ code: 'IMAGE_EXISTS', field: 'checkpointName' })]);
    const off = await plan({}, '0.0~20240729.0', { ...INFO, experimental: false });
    expect(off.problems).toEqual([expect.objectContaining({ field: 'root', message: expect.stringContaining('experimental') })]);
  });
});
