// Capability maps for the desk unit tests: the real 2022 help texts, and the stand-in
// for current upstream runsc (a node script, not runsc) read through the same parser.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, parseVersion } from '../../../electron/desk/runsc/help-parser';
import { PROBED_SUBCOMMANDS } from '../../../electron/desk/runsc/probe';
import type { Capabilities } from '../../../shared/model';

export const HELP_DIR = join(__dirname, '../../fixtures/runsc-2022-help');
const CURRENT = join(__dirname, '../../support/runsc-current.mjs');

const help2022 = (name: string) => readFileSync(join(HELP_DIR, `${name}.txt`), 'utf8');

function build(read: (args: string[]) => string): Capabilities {
  const version = parseVersion(read(['--version']));
  if (!version) throw new Error('no version');
  const subcommands: Capabilities['subcommands'] = {};
  for (const sub of PROBED_SUBCOMMANDS) subcommands[sub] = parseFlags(read(['help', sub]));
  return { ...version, global: parseFlags(read(['flags'])), subcommands };
}

let cached2022: Capabilities | undefined;
let cachedCurrent: Capabilities | undefined;

/** runsc 0.0~20221219.0, from its saved help output. */
export function caps2022(): Capabilities {
  cached2022 ??= build((args) => help2022(args[0] === '--version' ? 'version' : args[0] === 'flags' ? 'flags' : args[1]!));
  return structuredClone(cached2022);
}

/** release-20260817.0, from the stand-in script (help on stdout, flags on stderr). */
export function capsCurrent(): Capabilities {
  cachedCurrent ??= build((args) => {
    const r = spawnSync(process.execPath, [CURRENT, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`stand-in ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return `${r.stdout}\n${r.stderr}`;
  });
  return structuredClone(cachedCurrent);
}
