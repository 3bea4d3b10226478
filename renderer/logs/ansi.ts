// Colour codes would show as "[31m"; nothing here parses them into colours yet, so they
// are dropped. Checked per line, and only lines that have an escape pay for the regex.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export function plainText(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
