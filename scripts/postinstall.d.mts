// Types for postinstall.mjs, so its tests type-check.
import type { spawnSync } from 'node:child_process';

export declare const FETCH_TIMEOUT_MS: number;
export declare function electronInstaller(root: string): string | null;
export declare function fetchElectron(root?: string, env?: NodeJS.ProcessEnv, run?: typeof spawnSync, timeoutMs?: number): string;
