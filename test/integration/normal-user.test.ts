// The Desk as a person runs it: the headless shell as a normal user, the service in the
// privileged helper started through `sudo -n` with one sudoers line naming the built
// helper only. Real runsc 2022, real sudo, real files; the whole trip a newcomer takes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerList, Overview } from '../../shared/model';
import type { ImageList, DeleteImageResult } from '../../shared/images';
import type { Job, JobLogPage } from '../../shared/jobs';
import { FINISHED_STATUSES } from '../../shared/jobs';
import { cmdlineOf, isHelperFor, pidFilePath } from '../../electron/helper/pid-file';
import { sudoersLine } from '../../electron/helper/launch';
import { requireRealRunsc } from '../support/real-runsc';
import { deleteAll } from '../support/sandboxes';
import {
  apiCall,
  buildHelper,
  ensureUser,
  installSudoers,
  notOwnedBy,
  removeSudoers,
  removeUser,
  serveAsUser,
  userDataDir,
  type NormalUser,
  type ServeAsUser,
} from '../support/normal-user';

const TOKEN = 'normal-user-token-0123456789';
const USER = 'deskuser';

function missingTools(): string | null {
  for (const tool of ['sudo', 'runuser', 'useradd', 'visudo']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install sudo util-linux passwd)`;
    }
  }
  return null;
}

const canRun = (() => {
  if (!requireRealRunsc()) return false;
  const missing = missingTools();
  if (missing && process.env.CI === 'true') throw new Error(`CI=true but the normal-user tests cannot run: ${missing}`);
  if (missing) console.warn(`Skipping normal-user tests: ${missing}`);
  return missing === null;
})();

/** The helper process serving dataDir, if one is alive (checked by its cmdline, as the helper does). */
function liveHelper(dataDir: string): number | null {
  if (!existsSync(pidFilePath(dataDir))) return null;
  const pid = Number(readFileSync(pidFilePath(dataDir), 'utf8').trim());
  const argv = cmdlineOf(pid);
  return argv && isHelperFor(argv, dataDir) ? pid : null;
}

function killHelper(dataDir: string): void {
  const pid = liveHelper(dataDir);
  if (pid) process.kill(pid, 'SIGKILL');
}

describe.runIf(canRun)('a normal user, with privilege sudo and one sudoers line for the helper', () => {
  let user: NormalUser;
  let helper: string;
  const dataDirs: string[] = [];
  const shells: ServeAsUser[] = [];

  const newDataDir = () => {
    const dir = userDataDir(user);
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    helper = buildHelper();
    user = ensureUser(USER);
    removeSudoers();
  }, 180_000);

  afterAll(async () => {
    for (const shell of shells) await shell.stop();
    for (const dir of dataDirs) {
      killHelper(dir);
      deleteAll(join(dir, 'root'));
      rmSync(dirname(dir), { recursive: true, force: true });
    }
    removeSudoers();
    if (user) removeUser(user);
  }, 120_000);

  it('without the sudoers rule: one clear error naming the line, and nothing half-started', async () => {
    const dataDir = newDataDir();
    const start = serveAsUser(user, ['--privilege', 'sudo', '--data-dir', dataDir, '--port', '0', '--token', TOKEN]);
    const failure = (await start.then(
      (shell) => {
        shells.push(shell);
        throw new Error(`serve started without the sudoers rule:\n${shell.output()}`);
      },
      (error: { output: string; code: number | null }) => error,
    )) as { output: string; code: number | null };
    expect(failure.code).toBe(1);
    expect(failure.output).toContain(sudoersLine(helper, USER));
    expect(failure.output).toContain('nothing was started');
    expect(failure.output).not.toContain('Checkpoint Desk: http');
    expect(liveHelper(dataDir)).toBeNull();
    expect(existsSync(pidFilePath(dataDir))).toBe(false);
  });

  describe('with the rule', () => {
    let shell: ServeAsUser;
    let dataDir: string;
    let imagePath: string;
    let sampleId: string;
    const call = <T>(method: string, body: unknown = {}) => apiCall<T>(shell.origin, TOKEN, method, body);
    const waitJob = async (jobId: string): Promise<Job> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const job = await call<Job>('getJob', { jobId });
        if (FINISHED_STATUSES.includes(job.status)) return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const container = async (id: string) =>
      (await call<ContainerList>('listContainers', { root: join(dataDir, 'root') })).containers.find((c) => c.id === id);

    beforeAll(async () => {
      installSudoers(sudoersLine(helper, USER));
      dataDir = newDataDir();
      shell = await serveAsUser(user, ['--privilege', 'sudo', '--data-dir', dataDir, '--port', '0', '--token', TOKEN]);
      shells.push(shell);
    }, 90_000);

    it('runs the shell as the person and the service as root, in the helper', async () => {
      const shellPid = Number(execFileSync('pgrep', ['-P', String(shell.child.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
      expect(execFileSync('ps', ['-o', 'user=', '-p', String(shellPid)], { encoding: 'utf8' }).trim()).toBe(USER);
      const helperPid = liveHelper(dataDir);
      expect(helperPid).not.toBeNull();
      expect(execFileSync('ps', ['-o', 'user=', '-p', String(helperPid)], { encoding: 'utf8' }).trim()).toBe('root');
      const overview = await call<Overview>('getOverview');
      expect(overview.privilege).toBe('sudo');
      expect(overview.helper).toBe(true);
      expect(overview.runsc.version).toBe('0.0~20221219.0');
    });

    it('starts the sample sandbox', async () => {
      const started = await call<{ root: string; id: string }>('startDemo');
      sampleId = started.id;
      expect(started.root).toBe(join(dataDir, 'root'));
      expect((await container(sampleId))?.status).toBe('running');
      await new Promise((r) => setTimeout(r, 2500));
    });

    it('checkpoints it leaving it running (2022 runsc): the job succeeds, the container runs again', async () => {
      const before = await container(sampleId);
      const { jobId } = await call<{ jobId: string }>('checkpoint', { root: join(dataDir, 'root'), id: sampleId, leaveRunning: true });
      const job = await waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.steps.map((s) => s.name)).toEqual(['preflight', 'runsc', 'delete', 'restore', 'wait', 'record']);
      const after = await container(sampleId);
      expect(after?.status).toBe('running');
      expect(after?.pid).not.toBe(before?.pid);
      imagePath = job.imagePath!;
    });

    it('lists the image complete, written by a succeeded job', async () => {
      const list = await call<ImageList>('listImages');
      const image = list.images.find((i) => i.path === imagePath);
      expect(image).toMatchObject({ state: 'complete', reason: null, containerId: sampleId });
    });

    it('restores it under a new id', async () => {
      const { jobId } = await call<{ jobId: string }>('restore', { imagePath });
      const job = await waitJob(jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect((await container(`restored-${sampleId}`))?.status).toBe('running');
    });

    it('restarts a helper that died; the next call is answered by a new one', async () => {
      const first = liveHelper(dataDir)!;
      process.kill(first, 'SIGKILL');
      await expect(call('listImages')).resolves.toBeDefined();
      const second = liveHelper(dataDir);
      expect(second).not.toBeNull();
      expect(second).not.toBe(first);
    });

    it('deletes the image', async () => {
      const result = await call<DeleteImageResult>('deleteImage', { path: imagePath });
      expect(result.removed).toContain('checkpoint.img');
      const list = await call<ImageList>('listImages');
      expect(list.images.find((i) => i.path === imagePath)).toBeUndefined();
    });

    it('reads the whole job history, every status true to what happened, no EACCES anywhere', async () => {
      const jobs = await call<Job[]>('listJobs');
      expect(jobs.map((j) => [j.kind, j.status]).sort()).toEqual([
        ['checkpoint', 'succeeded'],
        ['restore', 'succeeded'],
      ]);
      for (const job of jobs) {
        const log = await call<JobLogPage>('getJobLog', { jobId: job.id, limit: 10_000 });
        expect(log.lines.map((l) => l.text).join('\n')).not.toMatch(/EACCES|permission denied/i);
        expect(JSON.stringify(job)).not.toMatch(/EACCES|permission denied/i);
      }
      expect(shell.output()).not.toMatch(/EACCES|permission denied/i);
    });

    it("leaves every file in the data dir the person's, except runsc's own state folder", () => {
      // runsc keeps its container state under <data dir>/root as root, and must: it is
      // runsc's, read only by runsc (run as root by the helper).
      const foreign = notOwnedBy(dataDir, user.uid).filter((line) => !line.includes(`${join(dataDir, 'root')}/`) && !line.endsWith(join(dataDir, 'root')));
      expect(foreign).toEqual([]);
      // And the person can read them: their own history is theirs to copy.
      execFileSync('runuser', ['-u', USER, '--', 'sh', '-c', `find '${dataDir}' -path '${join(dataDir, 'root')}' -prune -o -type f -exec cat {} + > /dev/null`]);
    });

    it('the helper killed mid-job: the job reads interrupted, and the shell starts a new helper', async () => {
      const { id } = await call<{ id: string }>('startDemo', { id: 'sample-2' });
      await new Promise((r) => setTimeout(r, 1500));
      const { jobId } = await call<{ jobId: string }>('checkpoint', { root: join(dataDir, 'root'), id, leaveRunning: true });
      expect((await call<Job>('getJob', { jobId })).status).toBe('running');
      const killed = liveHelper(dataDir)!;
      process.kill(killed, 'SIGKILL');
      // getJob is a read: asked of the dying helper, it is asked again of the new one.
      const job = await waitJob(jobId);
      expect(job.status).toBe('interrupted');
      expect(liveHelper(dataDir)).not.toBeNull();
      expect(liveHelper(dataDir)).not.toBe(killed);
    });

    it('the helper ends with its shell', async () => {
      const helperPid = liveHelper(dataDir)!;
      await shell.stop();
      const deadline = Date.now() + 15_000;
      while (cmdlineOf(helperPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(cmdlineOf(helperPid)).toBeNull();
      expect(existsSync(pidFilePath(dataDir))).toBe(false);
    });
  });
});
