// cuda-checkpoint's CLI comes from the installed driver; its help text tells which
// operations exist: R550 toggles only, R555 adds --get-state/--action/--timeout, R580
// --device-map, R590 --launch-job.
import type { CudaCliLevel } from '../../../shared/gpu';

export function parseCudaHelp(help: string): { cliLevel: CudaCliLevel; version: string | null } | null {
  if (!/--toggle/.test(help)) return null;
  const version = /Version (\d+(?:\.\d+)*)/.exec(help)?.[1] ?? null;
  const cliLevel: CudaCliLevel = /--launch-job/.test(help)
    ? 'R590'
    : /--device-map/.test(help)
      ? 'R580'
      : /--get-state/.test(help)
        ? 'R555'
        : 'R550';
  return { cliLevel, version };
}

export function hasGetState(level: CudaCliLevel | null): boolean {
  return level !== null && level !== 'R550';
}
