// Questions asked of the probed capability map.
import type { Capabilities, FlagSpec } from '../../../shared/model';

export function findFlag(flags: FlagSpec[] | undefined, name: string): FlagSpec | undefined {
  return flags?.find((f) => f.name === name);
}

export function subcommandFlags(caps: Capabilities, subcommand: string): FlagSpec[] {
  return caps.subcommands[subcommand] ?? [];
}

export function hasFlag(caps: Capabilities, subcommand: string, name: string): boolean {
  return findFlag(subcommandFlags(caps, subcommand), name) !== undefined;
}

/** "--image-path, --leave-running, --work-path": what a message offers instead. */
export function describeFlags(flags: FlagSpec[]): string {
  return flags.length === 0 ? 'no flags' : flags.map((f) => `--${f.name}`).join(', ');
}

/** Splits "--name=value" / "-name" into its parts. */
export function splitFlag(arg: string): { name: string; value: string | undefined } {
  const body = arg.replace(/^--?/, '');
  const eq = body.indexOf('=');
  return eq === -1 ? { name: body, value: undefined } : { name: body.slice(0, eq), value: body.slice(eq + 1) };
}
