// The sample sandbox: a busybox counter, so a newcomer with no sandboxes sees the Desk
// work end to end. The bundle is made from Debian's busybox-static.
import { join } from 'node:path';
import { DeskError } from '../../shared/errors';
import type { Host } from './host/host';

export const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

/** Counts up once a second, into /tmp/counter and onto stdout (the container's log). */
const COUNTER = 'i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; echo "count $i"; sleep 1; done';

export async function ensureDemoBundle(host: Host, dataDir: string): Promise<string> {
  const bundle = join(dataDir, 'demo', 'bundle');
  const busybox = await findBusybox(host);
  await host.mkdir(join(bundle, 'rootfs', 'bin'), { recursive: true });
  await host.mkdir(join(bundle, 'rootfs', 'tmp'), { recursive: true });
  await host.copyFile(busybox, join(bundle, 'rootfs', 'bin', 'busybox'));
  await host.writeFileAtomic(join(bundle, 'config.json'), `${JSON.stringify(demoSpec(), null, 2)}\n`);
  return bundle;
}

async function findBusybox(host: Host): Promise<string> {
  for (const path of BUSYBOX_CANDIDATES) {
    try {
      if ((await host.stat(path)).kind === 'file') return path;
    } catch {
      // try the next
    }
  }
  throw new DeskError(
    'NOT_FOUND',
    `The sample sandbox needs a static busybox, looked at ${BUSYBOX_CANDIDATES.join(', ')}. Install it: apt-get install busybox-static.`,
    { field: 'busybox' },
  );
}

/** A minimal OCI spec, the shape `runsc spec` writes, with a tmpfs for the counter. */
export function demoSpec() {
  return {
    ociVersion: '1.0.0',
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: ['/bin/busybox', 'sh', '-c', COUNTER],
      env: ['PATH=/bin'],
      cwd: '/',
      capabilities: {},
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: 'rootfs', readonly: true },
    hostname: 'checkpoint-desk-sample',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs' },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs' },
    ],
    annotations: { 'checkpoint-desk.sample': 'true' },
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'network' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }],
    },
  };
}
