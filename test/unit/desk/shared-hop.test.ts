// The probe's connection kept for the stream: the script that opens it, run here with a
// stand-in ssh on PATH that says what it was given, and the options the stream adds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeHop, openHopArgv, sharedFolder, throughShared } from '../../../electron/desk/migrate/shared-hop';
import type { Host, RunRequest, RunResult } from '../../../electron/desk/host/host';

const hop = { hostname: '10.0.0.7', user: 'ana', port: 2222 };
let bin: string;
beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'desk-hop-bin-'));
  // Prints its arguments one per line; exits with $SSH_EXIT.
  writeFileSync(join(bin, 'ssh'), '#!/bin/sh\nprintf "%s\\n" "$@" > "$SSH_ARGS"\nexit "${SSH_EXIT:-0}"\n');
  chmodSync(join(bin, 'ssh'), 0o755);
});
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function open(exit: number) {
  const argv = openHopArgv(hop);
  const args = join(bin, 'args');
  const out = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, SSH_ARGS: args, SSH_EXIT: String(exit) } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr, ssh: existsSync(args) ? spawnSync('cat', [args], { encoding: 'utf8' }).stdout.split('\n') : [] };
}

describe('the probe that keeps its connection', () => {
  it('logs in as a master whose socket is in a fresh private folder, and prints the folder', () => {
    const run = open(0);
    expect(run.status).toBe(0);
    const folder = sharedFolder(run.stdout);
    expect(folder).toMatch(/^\/tmp\/desk-hop\./);
    try {
      // The folder is there for the stream, the socket's path inside it, the rest of the probe as it was.
      expect(existsSync(folder!)).toBe(true);
      expect(run.ssh).toEqual(expect.arrayContaining(['ControlMaster=yes', `ControlPath=${folder}/s`, 'ControlPersist=60', 'BatchMode=yes', 'StrictHostKeyChecking=yes', '--', '10.0.0.7', 'true']));
      expect(run.ssh.join(' ')).not.toMatch(/desk-hop-socket/);
    } finally {
      rmSync(folder!, { recursive: true, force: true });
    }
  });

  it('a failed login removes the folder and exits with ssh\'s status', () => {
    const run = open(255);
    expect(run.status).toBe(255);
    expect(run.stdout).toBe('');
    const path = run.ssh.find((a) => a.startsWith('ControlPath='))!.slice('ControlPath='.length);
    expect(existsSync(join(path, '..'))).toBe(false);
  });

  it('reads only a folder of its own making from the output', () => {
    expect(sharedFolder('/tmp/desk-hop.Ab12\n')).toBe('/tmp/desk-hop.Ab12');
    expect(sharedFolder('motd\n/tmp/desk-hop.Ab12\n')).toBe('/tmp/desk-hop.Ab12');
    expect(sharedFolder('')).toBeNull();
    expect(sharedFolder('/home/ana\n')).toBeNull();
    expect(sharedFolder('/tmp/desk-hop.x y\n')).toBeNull();
  });

  it('the stream goes through it while it is there, and logs in by itself otherwise', () => {
    expect(throughShared('/tmp/desk-hop.Ab12')).toEqual(['-o', 'ControlPath=/tmp/desk-hop.Ab12/s', '-o', 'ControlMaster=no']);
    expect(throughShared(null)).toEqual([]);
  });

  it('closing stops the master and removes the folder, and never throws', async () => {
    const runs: RunRequest[] = [];
    const from = { name: 'gpu-a', run: (r: RunRequest) => (runs.push(r), Promise.reject(new Error('gone'))) } as unknown as Host;
    await expect(closeHop(from, hop, '/tmp/desk-hop.Ab12')).resolves.toBeUndefined();
    const argv = runs[0]!.argv;
    expect(argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(argv[4]).toBe('/tmp/desk-hop.Ab12');
    expect(argv.slice(5)).toEqual(expect.arrayContaining(['ControlPath=/tmp/desk-hop.Ab12/s', '-O', 'exit', '--', '10.0.0.7']));
    // Run for real with the stand-in ssh: the folder goes.
    const folder = mkdtempSync('/tmp/desk-hop.');
    const local = { name: 'local', run: (r: RunRequest): Promise<RunResult> => {
      const out = spawnSync(r.argv[0]!, r.argv.slice(1), { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, SSH_ARGS: join(bin, 'args') } });
      return Promise.resolve({ argv: r.argv, exitCode: out.status, signal: null, stdout: out.stdout, stderr: out.stderr, timedOut: false, cancelled: false, spawnError: null, durationMs: 1 });
    } } as unknown as Host;
    await closeHop(local, hop, folder);
    expect(existsSync(folder)).toBe(false);
  });
});
