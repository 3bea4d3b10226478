// POSIX shell quoting for the command line ssh hands to the remote shell. ssh joins its
// arguments with spaces and the server runs that string with the user's shell, so every
// word must be quoted here, once, by this one function: never by string concatenation.

/**
 * One word, quoted so any POSIX shell reads it back byte for byte: inside single quotes
 * nothing is special except the single quote itself, which is closed, escaped, reopened.
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new Error('A shell word cannot hold a NUL byte.');
  // Plain words stay readable in logs; anything else is single-quoted.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one command line for the remote shell. */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('An empty command line runs nothing.');
  return argv.map(shellQuote).join(' ');
}
