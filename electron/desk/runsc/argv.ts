// The one builder of runsc argv. Typed options in; every flag it emits is checked
// against the probed capability map first, so an option this runsc lacks is an error
// before anything is spawned, never an exit 128 after.
import { DeskError } from '../../../shared/errors';
import type { Capabilities } from '../../../shared/model';
import { describeFlags, findFlag, subcommandFlags } from './capabilities';

/** The typed options of each subcommand the Desk runs. */
export interface SubcommandOptions {
  list: { format: 'json' | 'text' };
  state: { id: string };
  ps: { id: string; format?: 'json' | 'table' };
  events: { id: string; stats: true };
  run: { id: string; bundle: string; detach: boolean };
  delete: { id: string; force: boolean };
}

export type Subcommand = keyof SubcommandOptions;

/** Where a call runs: the root and its global flags profile (already validated). */
export interface RootContext {
  root: string;
  globalFlags: string[];
}

type FlagValue = string | boolean | undefined;

export function buildArgv<S extends Subcommand>(
  caps: Capabilities,
  ctx: RootContext,
  subcommand: S,
  options: SubcommandOptions[S],
): string[] {
  const { flags, positionals } = layout(subcommand, options);
  const known = subcommandFlags(caps, subcommand);
  const args: string[] = [];
  for (const [name, value] of flags) {
    if (value === undefined || value === false) continue;
    if (!findFlag(known, name)) {
      throw new DeskError(
        'UNSUPPORTED_OPTION',
        `runsc ${caps.version} has no --${name} for "${subcommand}". It supports ${describeFlags(known)}.`,
        { field: name, subcommand, runscVersion: caps.version },
      );
    }
    args.push(value === true ? `--${name}` : `--${name}=${value}`);
  }
  return [`--root=${ctx.root}`, ...ctx.globalFlags, subcommand, ...args, ...positionals];
}

function layout<S extends Subcommand>(
  subcommand: S,
  options: SubcommandOptions[S],
): { flags: [string, FlagValue][]; positionals: string[] } {
  const o = options as SubcommandOptions[Subcommand];
  switch (subcommand) {
    case 'list':
      return { flags: [['format', (o as SubcommandOptions['list']).format]], positionals: [] };
    case 'state':
      return { flags: [], positionals: [(o as SubcommandOptions['state']).id] };
    case 'ps': {
      const ps = o as SubcommandOptions['ps'];
      return { flags: [['format', ps.format]], positionals: [ps.id] };
    }
    case 'events':
      return { flags: [['stats', true]], positionals: [(o as SubcommandOptions['events']).id] };
    case 'run': {
      const run = o as SubcommandOptions['run'];
      return { flags: [['bundle', run.bundle], ['detach', run.detach]], positionals: [run.id] };
    }
    case 'delete': {
      const del = o as SubcommandOptions['delete'];
      return { flags: [['force', del.force]], positionals: [del.id] };
    }
  }
  throw new DeskError('INTERNAL', `No argv layout for runsc ${subcommand}.`);
}
