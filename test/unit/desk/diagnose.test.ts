import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../electron/desk/runsc/diagnose';

// Each message from runsc.md ("Messages seen here" and "Messages reported upstream"),
// as a full stderr line, and a word the diagnosis must use to be about that cause.
const SEEN_HERE: [string, RegExp][] = [
  ['flag provided but not defined: -tcp-established', /flag/i],
  ['checkpoint failed: cannot checkpoint container "c" in state stopped', /not running/i],
  ['loading container: file does not exist', /no such container/i],
  ['os.OpenFile("/images/web-1/a/checkpoint.img") failed: open /images/web-1/a/checkpoint.img: file exists', /already holds an image/i],
  ['running container: starting container: setting up network: configuring network: cannot run with network enabled in root network namespace', /network=none/],
];

const UPSTREAM: [string, RegExp][] = [
  ['checkpoint failed: checkpoint not supported when using hostinet', /host networking/i],
  ['checkpoint failed: encoding error: type "hostinet.Stack" is not known', /host networking/i],
  ['checkpoint failed: endpoint cannot be saved in connected state: local 10.0.0.2:80, remote 10.0.0.3:5555', /TCP/],
  ['checkpoint failed: no host FD available for :host:0', /exec/],
  ['restore failed: inconsistent private memory files on restore: savedMFOwners = [], mfmap = [a]', /spec or overlay/i],
  ["restore failed: deleted and invalidated dentries can't be restored", /overlay2=none/],
  ['restore failed: spec.Process.Args does not match across checkpoint restore for container: c1, checkpoint [a] restore [b]', /spec/i],
  ['restore failed: runsc version does not match across checkpoint restore, checkpoint: a current: b', /different runsc/i],
  ['restoring container "c1": urpc method "containerManager.Restore" failed: EOF', /crashed/i],
  ['checkpoint failed: gofer is still running', /gofer/i],
  ["checkpoint failed: can't save with live nvproxy clients", /GPU/],
  ['checkpoint failed: encoding error: nvproxy.frontendFD is not saveable', /GPU/],
  ['restore failed: nvidia driver version changed during restore: was 570.86.15, now 575.51.03', /same driver version/],
  ['Killing the sandbox after post restore work failed: restoring CUDA state: cuda-checkpoint --toggle for PID 128 failed', /after restore/],
  ['Rootless mode not supported with "restore"', /rootless/i],
  ['image-path flag must be provided', /image path/i],
];

const USAGE = `checkpoint [flags] <container id> - save current state of container.
  -image-path string
    	directory path to saved container image
  -leave-running
    	restart the container after checkpointing
  -work-path string
    	ignored
`;

const DEBUG_BEFORE = 'I1130 11:35:36.441773   12345 main.go:201] ***************************\nI1130 11:35:36.441800   12345 main.go:202] Args: [runsc checkpoint]\n';
const DEBUG_AFTER = 'W1130 11:35:36.500000   12345 util.go:64] FATAL ERROR: see above\n';

describe('diagnose', () => {
  it.each([...SEEN_HERE, ...UPSTREAM])('recognises %s', (line, about) => {
    const stderr = `${DEBUG_BEFORE}${line}\n${DEBUG_AFTER}`;
    const diagnosis = diagnose(stderr);
    expect(diagnosis).toBeDefined();
    expect(diagnosis!.title.trim()).not.toBe('');
    expect(diagnosis!.fix.trim()).not.toBe('');
    expect(`${diagnosis!.title} ${diagnosis!.fix}`).toMatch(about);
    // The exact line that matched, not the text around it.
    expect(diagnosis!.evidence).toBe(line);
  });

  it('takes the flag line, not the usage after it, as evidence', () => {
    const diagnosis = diagnose(`flag provided but not defined: -tcp-established\n${USAGE}`);
    expect(diagnosis?.evidence).toBe('flag provided but not defined: -tcp-established');
    expect(diagnosis?.title).toMatch(/flag/);
  });

  it('matches a --double-dash flag name too', () => {
    expect(diagnose('flag provided but not defined: --compression\n')?.evidence).toBe('flag provided but not defined: --compression');
  });

  it('finds the line when it is the first, the last without a newline, or indented with CRLF', () => {
    expect(diagnose('loading container: file does not exist\nmore')?.evidence).toBe('loading container: file does not exist');
    expect(diagnose('one\ntwo\nloading container: file does not exist')?.evidence).toBe('loading container: file does not exist');
    expect(diagnose('one\r\n   loading container: file does not exist\r\ntwo')?.evidence).toBe('loading container: file does not exist');
  });

  it('keeps a debug prefix that is part of the line', () => {
    const line = 'W1130 12:00:00.000000   1 main.go:231] FATAL ERROR: checkpoint failed: cannot checkpoint container "web-1" in state paused';
    expect(diagnose(`noise\n${line}\nnoise`)?.evidence).toBe(line);
  });

  it('recognises the restore into an existing id', () => {
    const d = diagnose('restoring container: cannot lock container metadata file: container already exists\n');
    expect(d?.title).toMatch(/already exists/);
  });

  it('tells different causes apart', () => {
    const titles = new Set([...SEEN_HERE, ...UPSTREAM].map(([line]) => diagnose(line)!.title));
    // hostinet and nvproxy each have two messages for one cause.
    expect(titles.size).toBe(SEEN_HERE.length + UPSTREAM.length - 2);
  });

  it('returns undefined for text it does not know', () => {
    expect(diagnose('')).toBeUndefined();
    expect(diagnose('everything is fine\nreally\n')).toBeUndefined();
    expect(diagnose('exit status 128')).toBeUndefined();
  });
});
