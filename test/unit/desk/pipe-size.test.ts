import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROW_PIPE } from '../../../electron/desk/migrate/pipe-size';

// F_GETPIPE_SZ (1032), read by perl with an absolute path: the PATH under test may lack it.
const SIZE_OF_STDIN = `/usr/bin/perl -e 'print fcntl(STDIN, 1032, 0)'`;

const sh = (script: string, env: NodeJS.ProcessEnv = process.env) => {
  const out = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', env });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-pipe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('GROW_PIPE', () => {
  it('grows the pipe on stdin to 1 MiB', () => {
    expect(sh(`: | { ${GROW_PIPE}; ${SIZE_OF_STDIN}; }`)).toEqual({ status: 0, stdout: String(1 << 20), stderr: '' });
  });

  it('grows the pipe on stdout with <&1, for the process that reads it', () => {
    // The reader asks once the writer has grown it and said so.
    expect(sh(`{ ${GROW_PIPE} <&1; echo grown; } | { read -r _; ${SIZE_OF_STDIN}; }`)).toEqual({ status: 0, stdout: String(1 << 20), stderr: '' });
  });

  it('uses python3 where there is no perl', () => {
    const noPerl = join(dir, 'bin');
    // A PATH with Debian's python3 (python3-minimal, installed by .ci/run) and not perl.
    spawnSync('/bin/sh', ['-c', `mkdir -p '${noPerl}' && ln -s /usr/bin/python3 '${noPerl}/python3'`]);
    expect(sh(`: | { ${GROW_PIPE}; ${SIZE_OF_STDIN}; }`, { PATH: noPerl })).toEqual({ status: 0, stdout: String(1 << 20), stderr: '' });
  });

  it('never fails and says nothing: no perl nor python3, a file, or a size refused', () => {
    // Neither tool: the pipe keeps Linux's default.
    expect(sh(`: | { ${GROW_PIPE}; ${SIZE_OF_STDIN}; }`, { PATH: join(dir, 'empty') })).toEqual({ status: 0, stdout: String(64 << 10), stderr: '' });
    // Not a pipe.
    expect(sh(`${GROW_PIPE} < /dev/null; echo "$?"`)).toEqual({ status: 0, stdout: '0\n', stderr: '' });
    expect(sh(`${GROW_PIPE} <&1 > '${join(dir, 'file')}'; echo "$?"`)).toEqual({ status: 0, stdout: '0\n', stderr: '' });
  });
});
