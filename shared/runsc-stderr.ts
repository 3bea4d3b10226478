// Reading runsc's stderr the way a gVisor maintainer would: the cause is the first
// error runsc reported (util.Fatalf's line), not the last line printed. gVisor's state
// package folds a Go stack into its error text, so a failed restore ends in a goroutine
// dump whose tail (`gvisor.dev/gvisor/pkg/urpc/urpc.go:433`) says nothing; with
// `--debug-log=/dev/stderr` the cause sits among hundreds of log lines. Pure: the
// service, the renderer and the tests share it.

/** A Go stack in the output: a panic, or a goroutine dump printed as part of an error. */
export interface StackBlock {
  /** Its first line: `goroutine 13 [running]:`, `panic: …`, `fatal error: …`. */
  headline: string;
  /** The first gvisor.dev function frame past the panic plumbing, with its file:line. */
  firstGvisorFrame: string | null;
  /** Line (0-based) of that frame's function, or null. */
  firstGvisorFrameLine: number | null;
  /** First and last line (0-based, inclusive) of the block. */
  startLine: number;
  endLine: number;
}

export interface RunscStderr {
  /** The line to show as the failure's summary: runsc's cause, wrappers stripped. */
  cause: string | null;
  /** The cause's full error chain (`a: b: c`), split where Go's %v joined it. */
  wrapped: string[];
  /** An unrecovered Go panic (`panic:` / `fatal error:`), also listed in dumps. */
  panic: StackBlock | null;
  /** Every Go stack in the output, in order. */
  dumps: StackBlock[];
}

/** glog's prefix, as runsc writes it: `W1201 12:00:00.000000   12345 main.go:231] `. */
const GLOG = /^([IWEFD])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [\w.-]+:\d+\] ?(.*)$/;
const FATAL = /^FATAL ERROR: (.*)$/;
const BLOCK_START = /^(goroutine \d+ \[[^\]]*\]:|panic: |fatal error: |SIGSEGV: |SIGBUS: )/;
/** Lines of a Go stack: function lines, `\tfile:line +0x..`, and the runtime's notes. */
const FRAME = /^(\t.*|[\w./*()\-[\]{}~]+\(.*\)\s*$|created by .*|\[signal .*|\.\.\.\d* ?additional frames elided\.\.\.|exit status \d+|\[recovered\].*)$/;
/** Frames that only carry the panic to the error: the interesting one comes after. */
const PLUMBING = /^gvisor\.dev\/gvisor\/pkg\/(state\.(safely|Failf)|log\.|sync\.)/;
/** Phases of `run`/`restore` and the subcommand's own name: no information of their own. */
const WRAPPERS = new Set(['running container', 'starting container', 'checkpoint failed', 'restore failed']);
/** The usage a flag error prints: `checkpoint [flags] <container id> - …`, `  -flag`, `    \tdoc`. */
const USAGE = /^(\S+ \[flags\].* - |\s+-\S|\s*\t|Usage|Subcommands|Flags:)/;

export function parseRunscStderr(text: string | readonly string[]): RunscStderr {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  const dumps = findStackBlocks(lines);
  const inDump = new Uint8Array(lines.length);
  for (const d of dumps) inDump.fill(1, d.startLine, d.endLine + 1);

  const panic = dumps.find((d) => !d.headline.startsWith('goroutine ')) ?? null;
  // A crash with nothing else said: the panic's own line is the cause.
  const message = findCause(lines, inDump) ?? (panic ? clean(panic.headline) : null);
  const wrapped = message === null ? [] : splitWrapped(message);
  let i = 0;
  while (i < wrapped.length - 1 && WRAPPERS.has(wrapped[i]!)) i++;
  const cause = message === null ? null : wrapped.length > 0 ? wrapped.slice(i).join(': ') : message;
  return { cause: cause || null, wrapped, panic, dumps };
}

/** Just the summary line, for an error message. */
export function stderrCause(text: string | readonly string[]): string | null {
  return parseRunscStderr(text).cause;
}

/**
 * The first real error: util.Fatalf's `FATAL ERROR:` log line when runsc logs to
 * stderr, else its plain line (runsc prints nothing else without a log prefix, except
 * the continuation of a multi-line log entry), else an E/F log line. Failing those, the
 * last line that is not noise: a summary for output never seen before.
 */
function findCause(lines: readonly string[], inDump: Uint8Array): string | null {
  let plain: string | null = null;
  let severe: string | null = null;
  let last: string | null = null;
  // A plain line after a log entry is usually that entry's spec or program; it speaks
  // only when nothing else does.
  let continued: string | null = null;
  let continuation = false;
  for (let i = 0; i < lines.length; i++) {
    if (inDump[i]) continue;
    const line = lines[i]!.trimEnd();
    if (line.trim() === '') continue;
    const log = GLOG.exec(line);
    if (log) {
      const [, level, body] = log as unknown as [string, string, string];
      const fatal = FATAL.exec(body);
      if (fatal) return clean(fatal[1]!);
      // The lines after a log entry (a spec, a seccomp program) belong to it.
      continuation = true;
      if ((level === 'E' || level === 'F') && severe === null) severe = body;
      if (level !== 'I' && level !== 'D' && !isNoise(body)) last = body;
      continue;
    }
    if (isNoise(line)) continue;
    if (!continuation && plain === null && !USAGE.test(line)) plain = line;
    if (!continuation) last = line;
    else if (continued === null && !USAGE.test(line)) continued = line;
  }
  const found = plain ?? severe ?? last ?? continued;
  return found === null ? null : clean(found);
}

function isNoise(line: string): boolean {
  const t = line.trim();
  return t === '' || /^[\s:{}[\],*]+$/.test(t) || FRAME.test(line);
}

/** A message that went on into a dump ends in `:`; the dump is not part of the cause. */
function clean(message: string): string {
  return message.trim().replace(/:\s*$/, '').trim();
}

/**
 * Splits `a: b: "c: d" (e: f)` at the `: ` that Go's error wrapping put there, not
 * inside quotes or brackets.
 */
export function splitWrapped(message: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let from = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ':' && message[i + 1] === ' ' && depth === 0) {
      parts.push(message.slice(from, i).trim());
      from = i + 2;
    }
  }
  parts.push(message.slice(from).trim());
  return parts.filter((p) => p !== '');
}

/**
 * The Go stacks in a run of lines. A block starts at `goroutine N [..]:`, `panic: …` or
 * `fatal error: …` and goes on while lines look like frames; blank lines and a lone `:`
 * between two goroutines (gVisor joins two stacks so) keep it going.
 */
export function findStackBlocks(lines: readonly string[]): StackBlock[] {
  const blocks: StackBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!BLOCK_START.test(lines[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (FRAME.test(line) || /^goroutine \d+ \[/.test(line)) {
        end = j;
        continue;
      }
      // A gap (blank, `:`) counts only when another goroutine or frame follows it.
      if (/^\s*:?\s*$/.test(line) && j + 1 < lines.length && (FRAME.test(lines[j + 1]!) || /^(goroutine \d+ \[|\s*$)/.test(lines[j + 1]!))) continue;
      // `panic: x` may be followed by its goroutine after a blank line: handled above.
      break;
    }
    blocks.push(describe(lines, start, end));
    i = end + 1;
  }
  return blocks;
}

function describe(lines: readonly string[], start: number, end: number): StackBlock {
  let frameLine: number | null = null;
  for (let j = start + 1; j <= end; j++) {
    const line = lines[j]!;
    if (line.startsWith('gvisor.dev/') && !PLUMBING.test(line)) {
      frameLine = j;
      break;
    }
  }
  let frame: string | null = null;
  if (frameLine !== null) {
    const where = lines[frameLine + 1]?.startsWith('\t') ? lines[frameLine + 1]!.trim().replace(/ \+0x[0-9a-f]+$/, '') : '';
    frame = where ? `${lines[frameLine]!.trim()} at ${where}` : lines[frameLine]!.trim();
  }
  return { headline: lines[start]!.trim(), firstGvisorFrame: frame, firstGvisorFrameLine: frameLine, startLine: start, endLine: end };
}
