// Listing a remote host (issue 14): 20 sandboxes on a test SSH host (a network namespace
// on this machine, as the tests make it) against 20 on this machine, and one round trip
// over the same multiplexed connection. The bar: remote ≤ 1.5 × local + one round trip.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { createDesk, dispatch } from '../electron/desk/index';
import { defaultLocations } from '../electron/desk/roots';
import { commandLine } from '../electron/desk/host/ssh/quote';
import { controlDir, sshArgv } from '../electron/desk/host/ssh/ssh-options';
import type { ContainerList } from '../shared/model';
import { deleteAll } from '../test/support/sandboxes';
import { missingForSshd, startSshd } from '../test/support/sshd';
import { median, spread, timed, type Figure } from './lib';
import { bundle, IDLE, runsc, start } from './sandboxes';

const COUNT = 20;

export async function benchRemoteList(work: string, rounds = 9): Promise<Figure[]> {
  const missing = missingForSshd();
  if (missing) throw new Error(`remote-list needs a test SSH host: ${missing}`);
  mkdirSync(work, { recursive: true });
  // Idle sandboxes: 40 counters (20 here, 20 on the host) each forking `sleep` every
  // second took so much of the 2 cores that one `ssh host true` took ~470 ms; the bench
  // then measured the machine's load, not the listing.
  const b = bundle(join(work, 'list'), IDLE);
  const localRoot = join(work, 'local-root');
  const remoteRoot = join(work, 'remote-root');
  const sshd = await startSshd('list', { dataHome: join(work, 'remote-home') });
  // The host's sandboxes live in its namespace: runsc's control sockets are per network namespace.
  const inHost = (argv: string[], stdio: 'ignore' | number = 'ignore') =>
    execFileSync('nsenter', [`--net=/var/run/netns/${sshd.namespace}`, ...argv], { stdio: ['ignore', stdio, stdio], timeout: 60_000 });
  const dataDir = join(work, 'data');
  // Both sides look in the same places: the test host discovers the usual ones
  // (defaultLocations), on this same file system, so this machine does too. (With none
  // here, a Docker root there, listed by runsc while dockerd is down, was work only the
  // remote side did: 1.05-1.12 × against 0.87 × with dockerd up.)
  const desk = await createDesk({ dataDir, runscPath: runsc(), privilege: 'none', locations: defaultLocations({}) });
  const call = <T>(method: string, payload: unknown = {}) => dispatch(desk, method, payload) as Promise<T>;
  try {
    await call('updateSettings', { sshConfigFile: sshd.configFile });
    await call('addHost', { name: 'bench', target: sshd.alias });
    await call('addRoot', { path: localRoot, globalFlags: ['--network=none'] });
    await call('addRoot', { host: 'bench', path: remoteRoot, globalFlags: ['--network=none'] });
    for (let i = 0; i < COUNT; i++) {
      const id = `bench-r${String.fromCharCode(97 + i)}`;
      start(localRoot, b, id, work);
      const fd = openSync(join(work, `${id}-remote.log`), 'a');
      try {
        inHost([runsc(), `--root=${remoteRoot}`, '--network=none', 'run', '--detach', `--bundle=${b}`, '--', id], fd);
      } finally {
        closeSync(fd);
      }
    }
    const list = (host?: string) => async () => {
      const listed = await call<ContainerList>('listContainers', host ? { host } : {});
      const running = listed.containers.filter((c) => c.status === 'running').length;
      if (running !== COUNT) {
        // Each root's error says why (runsc unusable, a timeout, ssh's own words).
        const roots = listed.roots.map((r) => `${r.root}: ${r.count}${r.error ? ` (${r.error.code}: ${r.error.message})` : ''}`).join('; ');
        throw new Error(`listed ${running} running on ${host ?? 'local'}, not ${COUNT}: ${roots}`);
      }
    };
    const ssh = { name: 'bench', target: sshd.alias, configFile: sshd.configFile, controlDir: controlDir(dataDir), persistSeconds: 600, connectTimeoutSeconds: 10 };
    const roundTrip = () =>
      timed(
        () =>
          new Promise<void>((resolve, reject) => {
            const argv = [...sshArgv(ssh), commandLine(['true'])];
            const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
            child.on('error', reject);
            child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssh true exited ${code}`))));
          }),
      );
    // Warm both: the master connection, the probe, the host's facts.
    await timed(list('bench'));
    await timed(list());
    await roundTrip();
    const local: number[] = [];
    const remote: number[] = [];
    const rtt: number[] = [];
    for (let i = 0; i < rounds; i++) {
      local.push(await timed(list()));
      remote.push(await timed(list('bench')));
      rtt.push(await roundTrip());
    }
    const allowed = 1.5 * median(local) + median(rtt);
    const ratio = median(remote) / allowed;
    return [
      { name: `remote-list: local listContainers (${COUNT} sandboxes)`, value: median(local), unit: 'ms', spread: spread(local) },
      { name: `remote-list: remote listContainers (${COUNT} sandboxes, over ssh)`, value: median(remote), unit: 'ms', spread: spread(remote) },
      { name: 'remote-list: one round trip (ssh host true, multiplexed)', value: median(rtt), unit: 'ms', spread: spread(rtt) },
      {
        name: 'remote-list: remote / (1.5 × local + one round trip)',
        value: ratio,
        unit: '×',
        bar: '≤ 1',
        met: ratio <= 1,
        detail: `${rounds} rounds; allowed ${allowed.toFixed(0)} ms`,
      },
    ];
  } finally {
    await desk.close();
    deleteAll(localRoot, runsc());
    try {
      for (const id of execFileSync('nsenter', [`--net=/var/run/netns/${sshd.namespace}`, runsc(), `--root=${remoteRoot}`, 'list', '-quiet'], { encoding: 'utf8', timeout: 20_000 }).split('\n').filter(Boolean)) {
        try {
          inHost([runsc(), `--root=${remoteRoot}`, 'delete', '--force', '--', id]);
        } catch {
          // Best effort: a sandbox already gone is fine.
        }
      }
    } finally {
      await sshd.stop();
    }
  }
}
