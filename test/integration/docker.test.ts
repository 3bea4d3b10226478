// Docker-managed sandboxes, against a real dockerd with runsc runtimes: the Desk lists
// Docker's containers by name and changes them only through Docker. After every Desk
// action, Docker's own view (docker inspect, docker logs) is what is checked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageList, RestorePlan } from '../../shared/images';
import type { CheckpointPlan } from '../../shared/jobs';
import type { ContainerList } from '../../shared/model';
import { DockerEngine } from '../../electron/desk/docker/engine';
import { startDesk } from '../support/desk-harness';
import {
  DOCKER_RUNSC_ROOT, docker, dockerState, ensureBusyboxImage, ensureDockerd, lastCount, removeContainers, requireDocker, runCounter, stopDockerd, waitFor,
} from '../support/docker';

const LOCATIONS = { fixed: [DOCKER_RUNSC_ROOT], containerdParent: '/nonexistent', dockerDaemonJson: '/etc/docker/daemon.json', xdgRuntimeDir: undefined };
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const started: string[] = [];
let startedDockerd = false;

describe.runIf(requireDocker())('Docker-managed sandboxes, against a real dockerd', () => {
  beforeAll(() => {
    startedDockerd = ensureDockerd();
    ensureBusyboxImage();
  }, 120_000);

  afterAll(() => {
    removeContainers(started);
    if (startedDockerd) stopDockerd();
  }, 60_000);

  for (const runtime of ['runsc', 'runsc-2024']) {
    describe(`runtime ${runtime}`, () => {
      let h: Awaited<ReturnType<typeof startDesk>>;
      const name = `desk-web-${runtime}-${suffix}`;
      let id = '';

      beforeAll(async () => {
        id = runCounter(name, runtime);
        started.push(id);
        h = await startDesk('/usr/bin/runsc', undefined, { locations: LOCATIONS });
        await waitFor(() => lastCount(id) >= 1, `${name} counting`);
      });
      afterAll(async () => {
        await h?.desk.close();
      });

      it('lists the container with Docker\'s name, image, state and runtime; runc containers are not listed', async () => {
        const list = await h.call<ContainerList>('listContainers', { root: DOCKER_RUNSC_ROOT });
        const c = list.containers.find((x) => x.id === id);
        expect(c?.docker).toMatchObject({ name, image: 'busybox:local', state: 'running', runtime, composeProject: null });
        expect(c?.docker?.runscPath).toBe(runtime === 'runsc' ? '/usr/bin/runsc' : '/opt/runsc-20240729/usr/bin/runsc');
        expect(c).toMatchObject({ manager: 'docker', status: 'running', root: DOCKER_RUNSC_ROOT });
        expect(list.containers.every((x) => x.docker && x.docker.runtime.includes('runsc'))).toBe(true);
      });

      it('plans leave-running the way this runsc can', async () => {
        const plan = await h.call<CheckpointPlan>('planCheckpoint', { root: DOCKER_RUNSC_ROOT, id, leaveRunning: true, checkpointName: 'plan-only' });
        expect(plan.problems).toEqual([]);
        expect(plan.imagePath).toBe(`/var/lib/docker/containers/${id}/checkpoints/plan-only`);
        if (runtime === 'runsc') {
          expect(plan.argv).toEqual(['docker', 'checkpoint', 'create', name, 'plan-only']);
          expect(plan.followUps).toEqual([{ title: `Start ${name} from plan-only`, argv: ['docker', 'start', '--checkpoint', 'plan-only', name] }]);
          expect(plan.warnings.join(' ')).toContain('paused => stopped');
        } else {
          expect(plan.argv).toEqual(['docker', 'checkpoint', 'create', '--leave-running', name, 'plan-only']);
          expect(plan.followUps).toEqual([]);
          expect(plan.warnings.join(' ')).toContain("Docker's own leave-running");
        }
      });

      it('checkpoints leaving it running: Docker shows it running, not paused, and counting on', async () => {
        const before = lastCount(id);
        const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root: DOCKER_RUNSC_ROOT, id, leaveRunning: true, checkpointName: 'cp-live' });
        const job = await h.waitJob(jobId, 60_000);
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        const call = job.steps.find((s) => s.name === 'docker-checkpoint')!;
        expect(call.argv).toEqual(['docker-engine-api', 'POST', `/containers/${id}/checkpoints`, JSON.stringify({ CheckpointID: 'cp-live', Exit: runtime === 'runsc' })]);
        expect(job.steps.some((s) => s.name === 'docker-start')).toBe(runtime === 'runsc');
        const state = dockerState(id);
        expect(state).toMatchObject({ Running: true, Paused: false, Status: 'running' });
        await waitFor(() => lastCount(id) > before, 'the counter to continue');
        expect(docker('ps', '--filter', `id=${id}`, '--format', '{{.Names}}')).toBe(name);
      });

      it('refuses a checkpoint name Docker already has, at that field', async () => {
        const plan = await h.call<CheckpointPlan>('planCheckpoint', { root: DOCKER_RUNSC_ROOT, id, checkpointName: 'cp-live' });
        expect(plan.problems).toEqual([expect.objectContaining({ code: 'IMAGE_EXISTS', field: 'checkpointName' })]);
        await expect(h.call('planCheckpoint', { root: DOCKER_RUNSC_ROOT, id, checkpointName: '-bad/name' })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          details: { field: 'checkpointName' },
        });
      });

      it('checkpoints stopping it; the checkpoint is an image under the container\'s name; restore continues the counter', async () => {
        // A container never started from a checkpoint: 2022 runsc can checkpoint and restore it once.
        const fresh = runCounter(`desk-stop-${runtime}-${suffix}`, runtime);
        started.push(fresh);
        await waitFor(() => lastCount(fresh) >= 1, 'the counter');
        const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root: DOCKER_RUNSC_ROOT, id: fresh, checkpointName: 'cp-stop' });
        const job = await h.waitJob(jobId, 60_000);
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        expect(dockerState(fresh).Running).toBe(false);
        const atCheckpoint = lastCount(fresh);

        const images = await h.call<ImageList>('listImages', {});
        const image = images.images.find((i) => i.docker?.containerId === fresh && i.docker.checkpoint === 'cp-stop');
        expect(image).toMatchObject({ path: `/var/lib/docker/containers/${fresh}/checkpoints/cp-stop`, state: 'complete', docker: { containerName: `desk-stop-${runtime}-${suffix}` } });

        const plan = await h.call<RestorePlan>('planRestore', { imagePath: image!.path });
        expect(plan.problems).toEqual([]);
        expect(plan.argv).toEqual(['docker', 'start', '--checkpoint', 'cp-stop', `desk-stop-${runtime}-${suffix}`]);
        const restore = await h.call<{ jobId: string }>('restore', { imagePath: image!.path });
        const restored = await h.waitJob(restore.jobId, 60_000);
        expect(restored.status, JSON.stringify(restored.error)).toBe('succeeded');
        expect(dockerState(fresh)).toMatchObject({ Running: true, Paused: false });
        await waitFor(() => lastCount(fresh) > atCheckpoint, 'the counter to continue past the checkpoint');

        // Restore onto the running container: refused before any call.
        const again = await h.call<RestorePlan>('planRestore', { imagePath: image!.path });
        expect(again.problems).toEqual([expect.objectContaining({ field: 'id', message: expect.stringContaining('is running') })]);
        await expect(h.call('restore', { imagePath: image!.path })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        expect(dockerState(fresh)).toMatchObject({ Running: true, Paused: false });
      });

      it(runtime === 'runsc' ? 'says why a container started from a checkpoint cannot be restored again, before any call' : 'checkpoints and restores a container started from a checkpoint again', async () => {
        // \`id\` was started from a checkpoint by the leave-running above (2022) or never stopped (2024).
        const { jobId } = await h.call<{ jobId: string }>('checkpoint', { root: DOCKER_RUNSC_ROOT, id, checkpointName: 'cp-again' });
        expect((await h.waitJob(jobId, 60_000)).status).toBe('succeeded');
        const path = `/var/lib/docker/containers/${id}/checkpoints/cp-again`;
        const plan = await h.call<RestorePlan>('planRestore', { imagePath: path });
        if (runtime === 'runsc') {
          expect(plan.problems).toEqual([expect.objectContaining({ field: 'id', message: expect.stringContaining('id already in use') })]);
          expect(dockerState(id).Running).toBe(false);
        } else {
          expect(plan.problems).toEqual([]);
          const restored = await h.waitJob((await h.call<{ jobId: string }>('restore', { imagePath: path })).jobId, 60_000);
          expect(restored.status, JSON.stringify(restored.error)).toBe('succeeded');
          expect(dockerState(id)).toMatchObject({ Running: true, Paused: false });
        }
      });

      it('deletes a checkpoint through Docker', async () => {
        await h.call('deleteImage', { path: `/var/lib/docker/containers/${id}/checkpoints/cp-live` });
        expect(docker('checkpoint', 'ls', id)).not.toContain('cp-live');
        expect(docker('checkpoint', 'ls', id)).toContain('cp-again');
      });

      it('answers NOT_FOUND for a container removed from Docker between listing and checkpoint', async () => {
        const gone = runCounter(`desk-gone-${runtime}-${suffix}`, runtime);
        started.push(gone);
        const list = await h.call<ContainerList>('listContainers', { root: DOCKER_RUNSC_ROOT });
        expect(list.containers.some((c) => c.id === gone)).toBe(true);
        docker('rm', '-f', gone);
        await expect(h.call('checkpoint', { root: DOCKER_RUNSC_ROOT, id: gone, leaveRunning: true })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'id' } });
      });
    });
  }

  it('start-dockerd.sh leaves a person\'s own daemon.json alone outside CI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-daemon-json-'));
    const config = join(dir, 'daemon.json');
    writeFileSync(config, '{"log-level": "debug"}');
    // No client answers and no daemon could start: only the config check can speak.
    const env = { ...process.env, CI: '', DOCKER: '/bin/false', DOCKERD: '/bin/false', DESK_DOCKERD_CONFIG: config };
    const run = spawnSync('bash', [join(__dirname, '..', '..', 'scripts', 'ci', 'start-dockerd.sh')], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('not replacing it outside CI');
    expect(readFileSync(config, 'utf8')).toBe('{"log-level": "debug"}');
    rmSync(dir, { recursive: true, force: true });
  });

  describe('never behind Docker\'s back', () => {
    let h: Awaited<ReturnType<typeof startDesk>>;
    let id = '';

    beforeAll(async () => {
      id = runCounter(`desk-owned-${suffix}`, 'runsc');
      started.push(id);
      await waitFor(() => lastCount(id) >= 1, 'the counter');
      // Docker's socket as the Desk sees it is gone: the root lists by runsc, read-only.
      h = await startDesk('/usr/bin/runsc', undefined, { locations: LOCATIONS, docker: new DockerEngine('/nonexistent/docker.sock') });
    });
    afterAll(async () => {
      await h?.desk.close();
    });

    it('lists the root without names, saying why, and refuses every change with Docker\'s tool', async () => {
      const list = await h.call<ContainerList>('listContainers', { root: DOCKER_RUNSC_ROOT });
      expect(list.roots[0]!.notice).toContain('/nonexistent/docker.sock');
      const c = list.containers.find((x) => x.id === id);
      expect(c).toMatchObject({ manager: 'docker', status: 'running' });
      expect(c?.docker).toBeUndefined();

      await expect(h.call('checkpoint', { root: DOCKER_RUNSC_ROOT, id, leaveRunning: true })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('belongs to Docker'),
      });
      await expect(h.call('stopContainer', { root: DOCKER_RUNSC_ROOT, id })).rejects.toMatchObject({ message: expect.stringContaining('docker stop') });
      expect(dockerState(id)).toMatchObject({ Running: true, Paused: false });
    });

    it('stops a container through Docker, which keeps it', async () => {
      const desk = await startDesk('/usr/bin/runsc', undefined, { locations: LOCATIONS });
      try {
        await desk.call('stopContainer', { root: DOCKER_RUNSC_ROOT, id });
        expect(dockerState(id)).toMatchObject({ Running: false, Status: 'exited' });
      } finally {
        await desk.desk.close();
      }
    });
  });
});
