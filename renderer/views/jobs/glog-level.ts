// runsc's debug logs are glog lines: "E0729 12:34:56.123456  1234 file.go:12] text".
// util.Fatalf writes its FATAL ERROR at level W, so that line counts as an error too.

export type GlogLevel = 'error' | 'warning' | 'info' | 'debug';

const LEVELS: Record<string, GlogLevel> = { E: 'error', F: 'error', W: 'warning', I: 'info', D: 'debug' };
const GLOG = /^([EFWID])\d{4} \d\d:\d\d:\d\d/;

export function glogLevel(text: string): GlogLevel | null {
  const m = GLOG.exec(text);
  if (!m) return null;
  return text.includes('FATAL ERROR') ? 'error' : LEVELS[m[1]!]!;
}

export const isErrorLine = (text: string): boolean => glogLevel(text) === 'error';

/** The row's class in the log view: errors and warnings are marked, the rest are not. */
export function levelClass(text: string): string | null {
  const level = glogLevel(text);
  return level === 'error' || level === 'warning' ? `log-level-${level}` : null;
}
