// Checking the flags a person typed. Each is held against the probe, and the runc/CRIU
// habits that made runsc exit 128 in the seed incident get an explanation instead.
import type { ErrorCode } from '../../../shared/errors';
import { CHECKPOINT_OPTIONS, FOREIGN_CHECKPOINT_FLAGS } from '../../../shared/flag-catalogue';
import type { Capabilities } from '../../../shared/model';
import type { Problem } from '../../../shared/jobs';
import { describeFlags, findFlag, splitFlag, subcommandFlags } from './capabilities';

/** Flags with a field of their own: typed options, so they are checked and recorded. */
const OWN_FIELD: Record<string, Record<string, string>> = {
  checkpoint: Object.fromEntries(CHECKPOINT_OPTIONS.map(({ option, flag }) => [flag, option])),
  restore: { 'image-path': 'imagePath', bundle: 'bundle', detach: 'detach (always on)', direct: 'direct', background: 'background' },
};

export function extraFlagProblem(caps: Capabilities, subcommand: string, flag: string, index: number): Problem | null {
  const field = `extraFlags.${index}`;
  const problem = (code: ErrorCode, message: string): Problem => ({ code, field, message });
  const { name, value } = splitFlag(flag);
  const ownField = OWN_FIELD[subcommand]?.[name];
  if (ownField) return problem('INVALID_INPUT', `--${name} is not an extra flag: use the ${ownField} option.`);
  const known = subcommandFlags(caps, subcommand);
  const spec = findFlag(known, name);
  if (spec) {
    if (spec.type !== 'bool' && value === undefined) {
      return problem('INVALID_INPUT', `--${name} needs a value: --${name}=…`);
    }
    return null;
  }
  const foreign = FOREIGN_CHECKPOINT_FLAGS[name];
  if (foreign) {
    const instead = foreign.instead ? ` Use ${foreign.instead} instead.` : '';
    return problem('UNSUPPORTED_OPTION', `runsc has no --${name} (a runc/CRIU flag): ${foreign.why}${instead}`);
  }
  if (findFlag(caps.global, name)) {
    return problem('UNSUPPORTED_OPTION', `--${name} is a global runsc flag, not a ${subcommand} flag: set it in the root's profile, so run, checkpoint and restore agree.`);
  }
  const near = closest(name, known.map((f) => f.name));
  const hint = near ? ` Did you mean --${near}?` : '';
  return problem(
    'UNSUPPORTED_OPTION',
    `runsc ${caps.version} has no --${name} for ${subcommand}.${hint} It supports ${describeFlags(known)}.`,
  );
}

/** The known name within a small edit distance, if any. */
function closest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
