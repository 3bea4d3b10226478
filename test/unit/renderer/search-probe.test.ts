// The search's quick "cannot match" test must never skip a line the full search matches.
import { describe, expect, it } from 'vitest';
import { LogBuffer } from '../../../renderer/logs/log-buffer';
import { findInText, SearchIndex, type Match } from '../../../renderer/logs/log-search';
import { mayContain, searchProbe } from '../../../renderer/logs/search-probe';
import { plainText } from '../../../renderer/logs/ansi';

const ASCII_NON_LETTER = /[\0-@[-`{-\x7f]/;

describe('searchProbe', () => {
  it('is the longest run of ASCII characters other than letters', () => {
    expect(searchProbe('debug line 199999 ')).toBe(' 199999 ');
    expect(searchProbe('save.go:999]')).toBe(':999]');
    expect(searchProbe('error')).toBe('');
    expect(searchProbe('über-straße')).toBe('-');
  });

  it('rests on this: only an ASCII non-letter lowercases to a string that holds one, and to itself', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      const lower = c.toLowerCase();
      if (ASCII_NON_LETTER.test(lower)) expect(lower).toBe(c);
    }
    // Context-dependent lowercasing (final sigma) stays among letters too.
    expect('ΑΣ. ΑΣ1'.toLowerCase()).toBe('ας. ας1');
  });

  it('skips no line the full search matches', () => {
    const texts = [
      'I1130 12:00:00 199999 save.go:1] stand-in debug line 199999 xx',
      'DEBUG LINE 199999 in capitals',
      'debug line 1999990 too long a number',
      'İstanbul debug line 199999 after a letter that lowercases to two',
      'Kelvin \u212A debug line 199999 ',
      'debug line \x1b[31m199999 \x1b[0m coloured',
      'debug line 19\x1b[0m9999 split by colour',
      'ΣΑΣ. debug line 199999 ',
    ];
    for (const query of ['debug line 199999 ', 'DEBUG LINE 199999', ' 199999 ', 'k debug', 'line 19']) {
      const needle = query.toLowerCase();
      const probe = searchProbe(needle);
      texts.forEach((raw, line) => {
        const text = plainText(raw);
        const all: Match[] = [];
        findInText(text, needle, line, all);
        if (all.length > 0) expect(mayContain(text, probe)).toBe(true);
      });
    }
  });

  it('gives the index the same matches as a search of every line', () => {
    const b = new LogBuffer();
    b.append(0, Array.from({ length: 3000 }, (_, i) => ({ t: i, stream: 'stderr' as const, text: `I1130 ${i} save.go:${i % 100}] Debug Line ${i} ${i % 7 === 0 ? '\x1b[1mbold\x1b[0m' : ''}` })));
    for (const query of ['debug line 2999', 'save.go:42]', 'DEBUG', '] debug line 1', 'bold']) {
      const expected: Match[] = [];
      for (let line = 0; line < b.length; line++) findInText(plainText(b.at(line)!.text), query.toLowerCase(), line, expected);
      expect(new SearchIndex().update(b, query)).toEqual(expected);
    }
  });
});
