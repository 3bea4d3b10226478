// The Docker checkpoint job with a fake engine: each Docker call is a step with its
// call as the argv, and Docker going away mid-job fails the job in Docker's words.
import { describe, expect, it } from 'vitest';
import type { JobStep } from '../../../shared/jobs';
import { dockerCheckpointWork } from '../../../electron/desk/checkpoint/docker-job';
import type { CheckpointPlanDetail } from '../../../electron/desk/checkpoint/plan';
import { engineError } from '../../../electron/desk/docker/engine';
import { toContainer } from '../../../electron/desk/docker/listing';
import type { Host } from '../../../electron/desk/host/host';
import type { JobContext } from '../../../electron/desk/jobs/runner';
import { INFO, engineContainer, fakeEngine } from '../../support/docker';

const ID = 'a'.repeat(64);

function fakeContext() {
  const steps: JobStep[] = [];
  const lines: string[] = [];
  const ctx = {
    signal: new AbortController().signal,
    say: (t: string) => lines.push(t),
    warn: (t: string) => lines.push(t),
    note: (t: string) => lines.push(t),
    update: () => {},
    async step<T>(name: string, title: string, work: (s: JobStep) => Promise<T>) {
      const step = { name, title, argv: null, exitCode: null } as unknown as JobStep;
      steps.push(step);
      return work(step);
    },
  } as unknown as JobContext;
  return { ctx, steps, lines };
}

const plan = {
  container: toContainer(INFO, { path: '/r', globalFlags: [] }, engineContainer({ id: ID })),
  imagePath: `/var/lib/docker/containers/${ID}/checkpoints/cp1`,
  warnings: [],
  emulateLeaveRunning: false,
} as unknown as CheckpointPlanDetail;
const host = { readdir: async () => [], stat: async () => ({ kind: 'dir', size: 0 }) } as unknown as Host;

describe('the Docker checkpoint job', () => {
  it('shows each Docker call as its step\'s command', async () => {
    const calls: string[] = [];
    const engine = { ...fakeEngine([engineContainer({ id: ID, state: 'exited' })]), inspect: async () => engineContainer({ id: ID, state: calls.length ? 'exited' : 'running' }), createCheckpoint: async () => void calls.push('create') };
    const { ctx, steps, lines } = fakeContext();
    await dockerCheckpointWork(engine, host, { root: '/r', id: ID }, plan)(ctx);
    expect(steps.map((s) => s.name)).toEqual(['preflight', 'docker-checkpoint', 'docker-inspect']);
    expect(steps[1]!.argv).toEqual(['docker-engine-api', 'POST', `/containers/${ID}/checkpoints`, '{"CheckpointID":"cp1","Exit":true}']);
    expect(lines).toContain(`$ POST /containers/${ID}/checkpoints {"CheckpointID":"cp1","Exit":true}`);
  });

  it('fails in Docker\'s words when its socket goes away mid-job', async () => {
    const gone = engineError({ method: 'POST', path: `/containers/${ID}/checkpoints` }, '/var/run/docker.sock', Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
    const engine = { ...fakeEngine([engineContainer({ id: ID })]), createCheckpoint: () => Promise.reject(gone) };
    const { ctx, steps } = fakeContext();
    await expect(dockerCheckpointWork(engine, host, { root: '/r', id: ID }, plan)(ctx)).rejects.toMatchObject({
      message: expect.stringContaining('Docker does not answer at /var/run/docker.sock'),
    });
    expect(steps.at(-1)).toMatchObject({ name: 'docker-checkpoint', exitCode: 1 });
  });
});
