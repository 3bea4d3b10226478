// cuda-checkpoint's CLI read from literal flags, and the device scan's CUDA-thread test.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCudaHelp } from '../../../electron/desk/cuda/help';
import { CUDA_THREAD, FIND_CUDA_SCRIPT, parseCudaProcesses } from '../../../electron/desk/cuda/in-container';

const STANDIN = join(__dirname, '..', '..', 'support', 'cuda-checkpoint.mjs');
const help = (driver: string) => execFileSync(process.execPath, [STANDIN, '--help'], { env: { ...process.env, CUDA_STANDIN_DRIVER: driver }, encoding: 'utf8' });

describe('parseCudaHelp', () => {
  it('reads each driver\'s help by its literal flags', () => {
    expect(parseCudaHelp(help('550'))).toMatchObject({ cliLevel: 'R550', version: '550.54.15', cli: { getState: false, action: false, timeout: false } });
    expect(parseCudaHelp(help('570'))).toMatchObject({ cliLevel: 'R555', cli: { getState: true, action: true, timeout: true, deviceMap: false } });
    expect(parseCudaHelp(help('580'))).toMatchObject({ cliLevel: 'R580', cli: { deviceMap: true, launchJob: false } });
    expect(parseCudaHelp(help('610'))).toMatchObject({ cliLevel: 'R610', cli: { launchJob: true } });
  });

  it('--launch-job is R610, and a flag only counts when it stands alone', () => {
    expect(parseCudaHelp('--toggle\n--launch-job|-j <program>')?.cliLevel).toBe('R610');
    expect(parseCudaHelp('--toggle\n--get-stateful')?.cli.getState).toBe(false);
    expect(parseCudaHelp('no such thing')).toBeNull();
  });

  it('below R550 the stand-in says "Insufficient driver" and exits 255, as the real one does', () => {
    const r = spawnSync(process.execPath, [STANDIN, '--help'], { env: { ...process.env, CUDA_STANDIN_DRIVER: '535' }, encoding: 'utf8' });
    expect(r.status).toBe(255);
    expect(r.stderr).toContain('Insufficient driver');
  });
});

describe('the device scan', () => {
  it('parses "pid thread comm" lines, comm with spaces', () => {
    expect(parseCudaProcesses('101 1 python\n103 0 nvidia-smi\n7 1 my worker\n101 1 python\n')).toEqual([
      { pid: 101, command: 'python', cudaThread: true },
      { pid: 103, command: 'nvidia-smi', cudaThread: false },
      { pid: 7, command: 'my worker', cudaThread: true },
    ]);
  });

  it('its sh pattern for the CUDA thread is gVisor\'s ^cuda[0-9a-f]{11}$', () => {
    const pattern = /case "\$n" in (\S+)\)/.exec(FIND_CUDA_SCRIPT)![1]!;
    for (const name of ['cuda0123456789a', 'cudaffffffffffa', 'cuda012345', 'cuda0123456789ab', 'cudaEvent', 'cuda0123456789A', 'python']) {
      const sh = spawnSync('/bin/sh', ['-c', `case "$1" in ${pattern}) exit 0;; esac; exit 1`, 'sh', name]);
      expect(sh.status === 0, name).toBe(CUDA_THREAD.test(name));
    }
  });

  it('runs under plain sh and finds nothing where no process holds an NVIDIA device', () => {
    const r = spawnSync('/bin/sh', ['-c', FIND_CUDA_SCRIPT], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l && !/^\d+ [01] /.test(l))).toEqual([]);
  });
});
