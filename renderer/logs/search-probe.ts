// A quick "cannot match" test for a case-insensitive search. Lowercasing a line costs a
// copy of it, 200,000 copies for one search of a full log; most lines cannot hold the
// needle, and a part of the needle that lowercasing never makes or changes says so
// without the copy. ASCII characters other than letters are such a part: no character
// lowercases to a string holding one, except that character itself (the unit test
// checks every code point). So a line whose lowercase holds the needle holds the
// needle's longest run of them as it is.
const NON_LETTER_RUNS = /[\0-@[-`{-\x7f]+/g;

/** The longest run of ASCII non-letters in the (lowercased) needle, or '' when it has none. */
export function searchProbe(needle: string): string {
  let probe = '';
  for (const [run] of needle.matchAll(NON_LETTER_RUNS)) if (run.length > probe.length) probe = run;
  return probe;
}

/** False only when `text` (plain, not yet lowercased) cannot contain the needle `probe` came from. */
export function mayContain(text: string, probe: string): boolean {
  return probe === '' || text.includes(probe);
}
