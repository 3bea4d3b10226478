/**
 * "--work-dir /x --debug" → ["--work-dir=/x", "--debug"]. The request takes one string
 * per flag; people type values after a space, as on a command line. A word with no
 * flag before it stays as typed, so the plan can blame it by position.
 */
export function tokenizeFlags(text: string): string[] {
  const out: string[] = [];
  let canTakeValue = false;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (!word.startsWith('-') && canTakeValue) {
      out[out.length - 1] += `=${word}`;
      canTakeValue = false;
      continue;
    }
    out.push(word);
    canTakeValue = word.startsWith('-') && !word.includes('=');
  }
  return out;
}
