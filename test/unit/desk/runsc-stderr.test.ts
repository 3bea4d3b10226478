import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../electron/desk/runsc/diagnose';
import { findStackBlocks, parseRunscStderr, splitWrapped, stderrCause } from '../../../shared/runsc-stderr';

// The corpus: real stderr of real runsc failures, recorded by
// test/support/record-runsc-failures.sh on both Debian builds.
const DIR = join(__dirname, '../../fixtures/runsc-failures');

interface Fixture {
  file: string;
  runscVersion: string;
  how: string;
  expectedCause: string;
  diagnosisTitle: string;
  fix: string;
  /** How many Go stacks the stderr holds, when it holds any. */
  dumps?: number;
}

const INDEX = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Fixture[];
const stderrOf = (f: Fixture) => readFileSync(join(DIR, f.file), 'utf8');
/** A Go stack frame or its file:line: what the old summary showed instead of the cause. */
const FRAME = /^\s*(gvisor\.dev\/\S+\.go:\d+|\S+\.go:\d+( \+0x[0-9a-f]+)?|goroutine \d+ \[|created by )/;

describe('the failure corpus', () => {
  it('indexes every recorded stderr, and nothing else', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.stderr'));
    expect(INDEX.map((f) => f.file).sort()).toEqual(files.sort());
    for (const f of INDEX) {
      expect(f.runscVersion).toMatch(/^0\.0~\d{8}\.0$/);
      expect(f.file).toContain(`.${f.runscVersion.slice(4, 12)}.stderr`);
      for (const key of ['how', 'expectedCause', 'diagnosisTitle', 'fix'] as const) expect(f[key].trim()).not.toBe('');
    }
  });

  it('covers both builds for the cases they both reach', () => {
    const versions = new Set(INDEX.map((f) => f.runscVersion));
    expect([...versions].sort()).toEqual(['0.0~20221219.0', '0.0~20240729.0']);
    // An image restored by the other build, in both directions.
    expect(INDEX.some((f) => f.file === 'restore-image-from-20221219.20240729.stderr')).toBe(true);
    expect(INDEX.some((f) => f.file === 'restore-image-from-20240729.20221219.stderr')).toBe(true);
  });
});

describe.each(INDEX)('$file', (fixture) => {
  const stderr = stderrOf(fixture);
  const parsed = parseRunscStderr(stderr);

  it('summarises with the cause, never a stack frame', () => {
    expect(parsed.cause).toBe(fixture.expectedCause);
    expect(parsed.cause).not.toMatch(FRAME);
    expect(stderrCause(stderr.split('\n'))).toBe(fixture.expectedCause);
  });

  it('keeps the wrapped chain whole', () => {
    expect(parsed.wrapped.length).toBeGreaterThan(0);
    expect(parsed.wrapped.join(': ')).toContain(fixture.expectedCause);
  });

  it(`finds ${fixture.dumps ?? 0} Go stack(s)`, () => {
    expect(parsed.dumps).toHaveLength(fixture.dumps ?? 0);
    const lines = stderr.split('\n');
    for (const dump of parsed.dumps) {
      expect(lines[dump.startLine]).toMatch(/^goroutine \d+ \[running\]:$/);
      expect(dump.endLine).toBeGreaterThan(dump.startLine + 10);
      // The fold shows this frame: where gVisor failed, past the panic plumbing.
      expect(dump.firstGvisorFrame).toMatch(/^gvisor\.dev\/gvisor\/pkg\/state\.\(\*\w+\)\.\w+\(.*\) at gvisor\.dev\/gvisor\/pkg\/state\/\w+\.go:\d+$/);
      expect(lines[dump.firstGvisorFrameLine!]).toMatch(/^gvisor\.dev\//);
      // A dump ends on a frame, not on the next message.
      expect(lines[dump.endLine]).toMatch(/^\t/);
    }
  });

  it(`is diagnosed as "${fixture.diagnosisTitle}"`, () => {
    const diagnosis = diagnose(stderr);
    expect(diagnosis?.title).toBe(fixture.diagnosisTitle);
    expect(diagnosis?.fix).toBe(fixture.fix);
  });
});

describe('parseRunscStderr', () => {
  it('takes util.Fatalf\'s FATAL ERROR line among debug log lines, not a warning before it', () => {
    const stderr = [
      'I1201 12:00:00.000000   12345 main.go:231] ***************************',
      'W1201 12:00:00.000100   12345 container.go:2036] Cannot find if container c exists, err: connection refused',
      'W1201 12:00:00.000200   12345 util.go:64] FATAL ERROR: checkpoint failed: cannot checkpoint container "c" in state stopped',
      'checkpoint failed: cannot checkpoint container "c" in state stopped',
    ].join('\n');
    expect(stderrCause(stderr)).toBe('cannot checkpoint container "c" in state stopped');
  });

  it('skips the continuation of a multi-line log entry (a spec, a seccomp program)', () => {
    const stderr = ['D1201 12:00:00.000000       1 boot.go:10] Spec:', '{', '  "ociVersion": "1.0.0"', '}', '0: A <- P[4:4]', 'E1201 12:00:01.000000       1 boot.go:20] something broke'].join('\n');
    expect(stderrCause(stderr)).toBe('something broke');
  });

  it('takes the flag line, not the usage after it', () => {
    const stderr = 'flag provided but not defined: -tcp-established\ncheckpoint [flags] <container id> - save current state of container.\n  -image-path string\n    \tdirectory path to saved container image\n';
    expect(stderrCause(stderr)).toBe('flag provided but not defined: -tcp-established');
  });

  it('gives output never seen before a generic summary: its last line that is not noise', () => {
    const stderr = 'I1201 12:00:00.000000   12345 main.go:231] starting\nW1201 12:00:00.000000   12345 x.go:1] a warning\nI1201 12:00:00.000000   12345 main.go:231] done\n\n';
    expect(stderrCause(stderr)).toBe('a warning');
    expect(stderrCause('something new went wrong\n')).toBe('something new went wrong');
    expect(stderrCause('')).toBeNull();
    expect(stderrCause('\n  \n')).toBeNull();
  });

  it('recognises an unrecovered panic as a block, with its first gVisor frame', () => {
    const lines = [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x5d0b1a]',
      '',
      'goroutine 1 [running]:',
      'gvisor.dev/gvisor/runsc/boot.(*Loader).run(0x0)',
      '\tgvisor.dev/gvisor/runsc/boot/loader.go:1042 +0x1a',
      'main.main()',
      '\tgvisor.dev/gvisor/runsc/main.go:30 +0x25',
      'sandbox exited',
    ];
    const parsed = parseRunscStderr(lines);
    expect(parsed.panic).toEqual({
      headline: lines[0],
      firstGvisorFrame: 'gvisor.dev/gvisor/runsc/boot.(*Loader).run(0x0) at gvisor.dev/gvisor/runsc/boot/loader.go:1042',
      firstGvisorFrameLine: 4,
      startLine: 0,
      endLine: 7,
    });
    expect(parsed.dumps).toEqual([parsed.panic]);
    // The panic is the cause only when nothing outside it says more.
    expect(parsed.cause).toBe('sandbox exited');
    // Alone, it is.
    expect(stderrCause(lines.slice(0, -1))).toBe('panic: runtime error: invalid memory address or nil pointer dereference');
  });

  it('finds no block in ordinary lines', () => {
    expect(findStackBlocks(['restoring container "x": header error: unexpected EOF', 'done'])).toEqual([]);
  });

  it('splits a wrapped error where Go joined it, not inside quotes or brackets', () => {
    expect(splitWrapped('running container: restoring container "a: b": decoding {x: y}: EOF')).toEqual([
      'running container',
      'restoring container "a: b"',
      'decoding {x: y}',
      'EOF',
    ]);
  });
});
