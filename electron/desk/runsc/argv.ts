// The one builder of runsc argv. Typed options in; every flag it emits is checked
// against the probed capability map first, so an option this runsc lacks is an error
// before anything is spawned, never an exit 128 after.
import { DeskError } from '../../../shared/errors';
import type { Capabilities } from '../../../shared/model';
import { describeFlags, findFlag, subcommandFlags } from './capabilities';
import { extraFlagProblem } from './extra-flags';

/** The typed options of each subcommand the Desk runs. */
export interface SubcommandOptions {
  list: { format: 'json' | 'text' };
  state: { id: string };
  ps: { id: string; format?: 'json' | 'table' };
  events: { id: string; stats: true };
  run: { id: string; bundle: string; detach: boolean };
  delete: { id: string; force: boolean };
  checkpoint: {
    id: string;
    imagePath: string;
    leaveRunning?: boolean;
    workPath?: string;
    compression?: 'none' | 'flate-best-speed';
    direct?: boolean;
    excludeCommittedZeroPages?: boolean;
    cudaCheckpointPath?: string;
    cudaCheckpointSequential?: boolean;
    extraFlags?: string[];
  };
  restore: {
    id: string;
    bundle: string;
    imagePath: string;
    detach: boolean;
    direct?: boolean;
    background?: boolean;
    extraFlags?: string[];
  };
  exec: { id: string; command: string[] };
}

export type Subcommand = keyof SubcommandOptions;

/** Where a call runs: the root and its global flags profile (already validated). */
export interface RootContext {
  root: string;
  globalFlags: string[];
  /**
   * A folder for `--debug --debug-log=<folder>/`: both Debian builds (2022 and 2024)
   * create it and write one runsc.log.<timestamp>.<command>.txt per command there.
   */
  debugLog?: string;
}

/** `--debug --debug-log=<folder>/`, checked against this runsc's global flags. */
export function debugFlags(caps: Capabilities, folder: string): string[] {
  for (const name of ['debug', 'debug-log']) {
    if (!findFlag(caps.global, name)) {
      throw new DeskError('UNSUPPORTED_OPTION', `runsc ${caps.version} has no global --${name}, so it cannot write debug logs.`, {
        field: 'debug',
        runscVersion: caps.version,
      });
    }
  }
  // The trailing slash is what makes runsc treat it as a folder of per-command files.
  return ['--debug', `--debug-log=${folder.endsWith('/') ? folder : `${folder}/`}`];
}

type FlagValue = string | boolean | undefined;

export function buildArgv<S extends Subcommand>(
  caps: Capabilities,
  ctx: RootContext,
  subcommand: S,
  options: SubcommandOptions[S],
): string[] {
  const { flags, positionals, extra } = layout(subcommand, options);
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
  (extra ?? []).forEach((flag, i) => {
    const problem = extraFlagProblem(caps, subcommand, flag, i);
    if (problem) throw new DeskError(problem.code, problem.message, { field: problem.field });
    args.push(flag);
  });
  // `--` ends the flags, so nothing after it is ever read as one.
  const debug = ctx.debugLog ? debugFlags(caps, ctx.debugLog) : [];
  return [`--root=${ctx.root}`, ...ctx.globalFlags, ...debug, subcommand, ...args, '--', ...positionals];
}

function layout<S extends Subcommand>(
  subcommand: S,
  options: SubcommandOptions[S],
): { flags: [string, FlagValue][]; positionals: string[]; extra?: string[] } {
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
    case 'checkpoint': {
      const c = o as SubcommandOptions['checkpoint'];
      return {
        flags: [
          ['image-path', c.imagePath],
          ['leave-running', c.leaveRunning],
          ['work-path', c.workPath],
          ['compression', c.compression],
          ['direct', c.direct],
          ['exclude-committed-zero-pages', c.excludeCommittedZeroPages],
          ['cuda-checkpoint-path', c.cudaCheckpointPath],
          ['cuda-checkpoint-sequential', c.cudaCheckpointSequential],
        ],
        positionals: [c.id],
        extra: c.extraFlags,
      };
    }
    case 'restore': {
      const r = o as SubcommandOptions['restore'];
      return {
        flags: [
          ['bundle', r.bundle],
          ['image-path', r.imagePath],
          ['detach', r.detach],
          ['direct', r.direct],
          ['background', r.background],
        ],
        positionals: [r.id],
        extra: r.extraFlags,
      };
    }
    case 'exec': {
      const e = o as SubcommandOptions['exec'];
      return { flags: [], positionals: [e.id, ...e.command] };
    }
  }
  throw new DeskError('INTERNAL', `No argv layout for runsc ${subcommand}.`);
}
