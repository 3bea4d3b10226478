// Types for start.mjs, so its tests type-check.
export declare const ROOT: string;
export declare const FETCH_COMMAND: string;
export declare const EARLY_EXIT_MS: number;
export declare const DESK_EXIT_CODES: ReadonlySet<number>;
export declare const ROOT_WARNING: string;
export declare const HELD_SIGNALS: readonly NodeJS.Signals[];
export declare const FORWARDED_SIGNALS: readonly NodeJS.Signals[];

export type ElectronLookup = { path: string; reason?: undefined } | { path?: undefined; reason: string };
export declare function findElectron(root: string, env?: NodeJS.ProcessEnv): ElectronLookup;
export declare function appEntry(root: string): string | null;
export declare function sandboxArgs(uid?: number): string[];

export interface ShellChoice {
  kind: 'electron' | 'headless';
  command: string;
  args: string[];
  reason: string | null;
  asRoot?: boolean;
}
export declare function decide(root: string, env?: NodeJS.ProcessEnv, args?: string[], uid?: number): ShellChoice;
export declare function headless(root: string, args?: string[]): { kind: 'headless'; command: string; args: string[] };

export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from spawn to exit. */
  ms: number;
  /** The first signal start.mjs received while the child ran, if any. */
  received: NodeJS.Signals | null;
}
export declare function runChild(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ChildEnd>;
export declare function earlyFailure(end: ChildEnd, earlyMs?: number): string | null;
