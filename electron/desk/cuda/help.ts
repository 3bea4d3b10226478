// cuda-checkpoint's CLI comes from the installed driver; its help text tells which
// operations exist. The Desk checks for the literal flags it will pass (NVIDIA/cuda-checkpoint
// README: --toggle; --get-state, --action, --timeout from R555; --device-map from R580;
// --launch-job from R610), never for a driver level: a level only labels the overview.
import type { CudaCliLevel } from '../../../shared/gpu';

export interface CudaCli {
  toggle: boolean;
  getState: boolean;
  /** --action lock|checkpoint|restore|unlock. */
  action: boolean;
  /** --timeout for lock. */
  timeout: boolean;
  deviceMap: boolean;
  launchJob: boolean;
}

export interface CudaHelp {
  cliLevel: CudaCliLevel;
  version: string | null;
  cli: CudaCli;
}

const literal = (help: string, flag: string) => new RegExp(`(^|[\\s|,\\[])${flag}(?![\\w-])`, 'm').test(help);

export function parseCudaHelp(help: string): CudaHelp | null {
  if (!literal(help, '--toggle')) return null;
  const version = /Version (\d+(?:\.\d+)*)/.exec(help)?.[1] ?? null;
  const cli: CudaCli = {
    toggle: true,
    getState: literal(help, '--get-state'),
    action: literal(help, '--action'),
    timeout: literal(help, '--timeout'),
    deviceMap: literal(help, '--device-map'),
    launchJob: literal(help, '--launch-job'),
  };
  const cliLevel: CudaCliLevel = cli.launchJob ? 'R610' : cli.deviceMap ? 'R580' : cli.getState ? 'R555' : 'R550';
  return { cliLevel, version, cli };
}

export function hasGetState(level: CudaCliLevel | null): boolean {
  return level !== null && level !== 'R550';
}
