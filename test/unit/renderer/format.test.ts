import { describe, expect, it } from 'vitest';
import { humanBytes } from '../../../renderer/lib/bytes';
import { formatDuration } from '../../../renderer/lib/duration';
import { logFileName, reasonLine } from '../../../renderer/lib/job-status';
import { shellLine } from '../../../renderer/lib/shell-quote';
import { relativeTime } from '../../../renderer/lib/relative-time';
import { groupByRoot } from '../../../renderer/lib/group-by-root';
import { DESK_ROOT, container, listing, overview } from './fake-desk';

describe('humanBytes', () => {
  it('uses binary units', () => {
    expect(humanBytes(512)).toBe('512 B');
    expect(humanBytes(1536)).toBe('1.5 KiB');
    expect(humanBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(humanBytes(-1)).toBe('—');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it('reads like a person says it', () => {
    expect(relativeTime('2025-01-01T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2025-01-01T11:57:00Z', now)).toBe('3 min ago');
    expect(relativeTime('2025-01-01T10:00:00Z', now)).toBe('2 h ago');
    expect(relativeTime('2024-12-31T12:00:00Z', now)).toBe('1 day ago');
    expect(relativeTime('not a date', now)).toBe('not a date');
  });
});

describe('groupByRoot', () => {
  it('joins the listing with the overview’s roots, and keeps roots without containers', () => {
    const groups = groupByRoot(listing([container('a')]), overview().roots);
    expect(groups.map((g) => [g.root, g.info?.source, g.containers.length])).toEqual([
      ['/var/run/docker/runtime-runc/moby', 'docker', 0],
      [DESK_ROOT, 'desk', 1],
    ]);
  });
});

describe('job words', () => {
  it('formats durations like a person reads them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(184_000)).toBe('3 min 04 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('quotes a command so it pastes into a shell as shown', () => {
    expect(shellLine(['runsc', '--image-path=/srv/my img', "it's", '--'])).toBe(
      "runsc '--image-path=/srv/my img' 'it'\\''s' --",
    );
  });

  it('picks the stderr line that says why', () => {
    expect(reasonLine('W0101 warming up\nI0101 saving\ncheckpoint failed: no space left on device\n')).toBe(
      'checkpoint failed: no space left on device',
    );
    expect(reasonLine('just one line')).toBe('just one line');
    expect(reasonLine('\n  \n')).toBeNull();
  });

  it('names a log file without spaces', () => {
    expect(logFileName('Checkpoint web-1', 'job-7')).toBe('checkpoint-web-1-job-7.log.txt');
  });
});
