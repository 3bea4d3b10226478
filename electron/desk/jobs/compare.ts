// "What changed since it last worked": a failed job against the last job of the same
// kind that succeeded for the same container (or the same image, for a restore). Only
// the rows that differ, so the one flag that changed is the thing a person sees.
import type { CompareRow, Job, JobComparison } from '../../../shared/jobs';
import { splitFlag } from '../runsc/capabilities';

/** The last succeeded job before this one, of its kind, for its container or image. */
export function lastSuccessBefore(job: Job, jobs: Job[]): Job | null {
  const sameSubject = (other: Job) =>
    job.kind === 'restore'
      ? imageOf(other) !== null && imageOf(other) === imageOf(job)
      : other.target.root === job.target.root && other.target.id === job.target.id;
  const candidates = jobs.filter(
    (other) => other.id !== job.id && other.kind === job.kind && other.status === 'succeeded' && other.createdAt <= job.createdAt && sameSubject(other),
  );
  candidates.sort((a, b) => b.createdAt - a.createdAt);
  return candidates[0] ?? null;
}

function imageOf(job: Job): string | null {
  const fromOptions = job.options.imagePath;
  return job.imagePath ?? (typeof fromOptions === 'string' ? fromOptions : null);
}

export function compareJobs(after: Job, before: Job | null): JobComparison {
  if (!before) {
    const subject = after.kind === 'restore' ? `the image ${imageOf(after) ?? '?'}` : `${after.target.id} in ${after.target.root}`;
    return { jobId: after.id, withJobId: null, rows: [], message: `Nothing to compare with: no earlier ${after.kind} of ${subject} succeeded.` };
  }
  const rows: CompareRow[] = [];
  const add = (field: string, a: string | null | undefined, b: string | null | undefined) => {
    const was = a ?? '(not recorded)';
    const now = b ?? '(not recorded)';
    if (was !== now) rows.push({ field, before: was, after: now });
  };
  const fb = before.facts ?? null;
  const fa = after.facts ?? null;
  add('host', fb?.host, fa?.host);
  add('runsc binary', fb?.runscPath, fa?.runscPath);
  add('runsc version', fb?.runscVersion, fa?.runscVersion);
  add('root global flags', fb && (fb.globalFlags.join(' ') || '(none)'), fa && (fa.globalFlags.join(' ') || '(none)'));
  rows.push(...argvRows(mainArgv(before), mainArgv(after)));
  rows.push(...optionRows(before.options, after.options));
  add('bundle', fb?.bundle, fa?.bundle);
  add('spec digest (config.json)', fb?.specDigest, fa?.specDigest);
  const disk = (job: Job) => diskVerdict(job.facts?.freeBytes ?? null, job.facts?.imageBytes ?? job.imageBytes);
  const [db, da] = [disk(before), disk(after)];
  if (db.verdict !== da.verdict) rows.push({ field: 'free disk against image size', before: db.text, after: da.text });
  return {
    jobId: after.id,
    withJobId: before.id,
    rows,
    message: rows.length === 0 ? 'Nothing the Desk records differs: the same runsc, flags, options, spec and host.' : null,
  };
}

/** The argv of the job's runsc step (the command that matters), else its first command. */
export function mainArgv(job: Job): string[] | null {
  return (job.steps.find((s) => s.name === 'runsc' && s.argv) ?? job.steps.find((s) => s.argv))?.argv ?? null;
}

/**
 * Each word of the command gets a key (the program, a global flag by name, the
 * subcommand, a flag by name, an argument by position), so a changed flag is one row
 * and not a shifted tail.
 */
export function argvWords(argv: string[]): Map<string, string> {
  const words = new Map<string, string>();
  const binary = argv.findIndex((w) => /(^|\/)runsc[^/]*$/.test(w));
  const prefixEnd = binary === -1 ? 0 : binary + 1;
  words.set('command', argv.slice(0, prefixEnd).join(' '));
  let i = prefixEnd;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) words.set(`global ${flagKey(argv[i]!)}`, argv[i]!);
  if (i < argv.length) words.set('subcommand', argv[i++]!);
  let n = 1;
  for (; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i]!.startsWith('-')) words.set(flagKey(argv[i]!), argv[i]!);
    else words.set(`argument ${n++}`, argv[i]!);
  }
  for (i++; i < argv.length; i++) words.set(`argument ${n++}`, argv[i]!);
  return words;
}

function flagKey(flag: string): string {
  return `--${splitFlag(flag).name}`;
}

function argvRows(before: string[] | null, after: string[] | null): CompareRow[] {
  if (!before || !after) return [];
  const [b, a] = [argvWords(before), argvWords(after)];
  const rows: CompareRow[] = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(key) ?? '(absent)';
    const now = a.get(key) ?? '(absent)';
    if (was !== now) rows.push({ field: `argv ${key}`, before: was, after: now });
  }
  return rows;
}

/** rerunOf links jobs; it is not a difference in how they ran. */
const NOT_OPTIONS = new Set(['rerunOf']);

function optionRows(before: Record<string, unknown>, after: Record<string, unknown>): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (NOT_OPTIONS.has(key)) continue;
    const was = key in before ? JSON.stringify(before[key]) : '(not set)';
    const now = key in after ? JSON.stringify(after[key]) : '(not set)';
    if (was !== now) rows.push({ field: `option ${key}`, before: was, after: now });
  }
  return rows;
}

function diskVerdict(free: number | null, image: number | null): { verdict: string; text: string } {
  if (free === null || image === null) return { verdict: 'unknown', text: `${free === null ? 'free space unknown' : `${size(free)} free`}, image ${image === null ? 'size unknown' : size(image)}` };
  const fits = free >= image;
  return { verdict: fits ? 'fits' : 'short', text: `${size(free)} free, image ${size(image)}${fits ? '' : ' (does not fit)'}` };
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
