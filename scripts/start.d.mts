// Types for start.mjs, so its unit test type-checks.
export declare const ROOT: string;

export type ElectronLookup = { path: string; reason?: undefined } | { path?: undefined; reason: string };
export declare function findElectron(root: string, env?: NodeJS.ProcessEnv): ElectronLookup;

export interface ShellChoice {
  kind: 'electron' | 'headless';
  command: string;
  args: string[];
  reason: string | null;
}
export declare function decide(root: string, env?: NodeJS.ProcessEnv, args?: string[]): ShellChoice;
export declare function headless(root: string, args?: string[]): { kind: 'headless'; command: string; args: string[] };

export declare function runChild(
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
