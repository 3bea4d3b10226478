// The desktop shell's own command-line options. Electron and Chromium put their own
// switches in argv too, so anything unknown is left alone rather than refused.
import os from 'node:os';
import path from 'node:path';
import type { PrivilegeMode } from '../shared/model';

export interface DesktopOptions {
  dataDir: string;
  runscPath?: string;
  privilege?: PrivilegeMode;
}

const PRIVILEGES: readonly PrivilegeMode[] = ['none', 'sudo', 'pkexec'];

/** `$XDG_DATA_HOME/checkpoint-desk`, or ~/.local/share/checkpoint-desk. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share');
  return path.join(base, 'checkpoint-desk');
}

export function valueOf(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value.`);
      found = next;
      i++;
    } else if (arg.startsWith(`--${name}=`)) {
      found = arg.slice(name.length + 3);
    }
  }
  return found;
}

/** Reads --data-dir, --runsc and --privilege; relative paths resolve against `cwd`. */
export function parseDesktopArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): DesktopOptions {
  const dataDir = valueOf(argv, 'data-dir');
  const runsc = valueOf(argv, 'runsc');
  const privilege = valueOf(argv, 'privilege');
  if (privilege !== undefined && !PRIVILEGES.includes(privilege as PrivilegeMode)) {
    throw new Error(`--privilege must be one of ${PRIVILEGES.join(', ')} (got "${privilege}").`);
  }
  const options: DesktopOptions = { dataDir: dataDir ? path.resolve(cwd, dataDir) : defaultDataDir(env) };
  if (runsc) options.runscPath = path.resolve(cwd, runsc);
  if (privilege) options.privilege = privilege as PrivilegeMode;
  return options;
}
