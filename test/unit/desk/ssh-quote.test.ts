// The one quoting function every remote command goes through: each word must come back
// from a real POSIX shell byte for byte, whatever it holds.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLine, shellQuote } from '../../../electron/desk/host/ssh/quote';

const SHELLS = ['/bin/sh', '/bin/dash', '/bin/bash'].filter((s) => existsSync(s));

/** What the shell makes of the line: each word printed NUL-terminated. */
function wordsFrom(shell: string, line: string): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const NASTY = [
  '',
  ' ',
  "'",
  "''",
  "it's",
  '"double"',
  '$HOME',
  '${HOME}',
  '$(touch /tmp/pwned)',
  '`id`',
  'a\\b',
  'semi;colon',
  'pipe|amp&',
  '<in >out',
  '*',
  '?',
  '[a-z]',
  '~',
  '~root',
  '#comment',
  '-rf',
  '--',
  'new\nline',
  'tab\there',
  '!bang',
  'ünïcödé ✓',
  "mixed 'single' and \"double\" $x `y` \\z",
];

describe('shellQuote', () => {
  it.each(SHELLS)('%s reads every nasty word back exactly', (shell) => {
    expect(wordsFrom(shell, NASTY.map(shellQuote).join(' '))).toEqual(NASTY);
  });

  it('round-trips random bytes from the whole printable and control range', () => {
    for (let round = 0; round < 50; round++) {
      const words = Array.from({ length: 5 }, () =>
        String.fromCharCode(...Array.from({ length: Math.floor(Math.random() * 20) }, () => 1 + Math.floor(Math.random() * 126))),
      );
      expect(wordsFrom('/bin/sh', words.map(shellQuote).join(' '))).toEqual(words);
    }
  });

  it('leaves plain words readable, quotes the rest', () => {
    expect(shellQuote('/usr/bin/runsc')).toBe('/usr/bin/runsc');
    expect(shellQuote('--root=/run/runsc')).toBe('--root=/run/runsc');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it('refuses a NUL byte, which no argv can hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('commandLine quotes each word and refuses an empty argv', () => {
    expect(commandLine(['sh', '-c', 'echo "$1"', 'sh', "x y'z"])).toBe(`sh -c 'echo "$1"' sh 'x y'\\''z'`);
    expect(() => commandLine([])).toThrow();
  });
});
