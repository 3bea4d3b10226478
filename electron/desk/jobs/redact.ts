// What a report must not carry: environment values (the spec's process.env above all),
// tokens and passwords. Two nets: the bundle's own env values, replaced wherever they
// appear (runsc's debug logs print the whole spec, in JSON or Go's %+v), and patterns
// for env entries and token-like words whatever their source.
import { join } from 'node:path';
import type { Host } from '../host/host';

export const REDACTED = '[redacted]';

/** Variables whose values are everywhere in a log (paths, names) and are not secrets; their entries are still redacted by pattern. */
const COMMON = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'LC_ALL', 'PWD', 'SHELL', 'USER', 'container']);
/** Shorter values would match too much of a log to be redacted everywhere. */
const MIN_SECRET = 6;

const ENV_IN_JSON = /"([A-Za-z_][A-Za-z0-9_]*)=((?:[^"\\]|\\.)*)"/g;
const ENV_IN_GO = /\bEnv:\[([^\]]*)\]/g;
const TOKEN_WORD = /\b((?:[A-Za-z0-9_]*[_-])?(?:token|secret|password|passwd|api[_-]?key|credentials?))(\\?["']?\s*[=:]\s*\\?["']?)(?!\[redacted\])([^\s"'\\,;}\]]+)/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const SECRET_KEY = /env|token|secret|password|passwd|api[_-]?key|credential|authorization/i;

/** The values of the bundle's process.env worth hunting down across every file. */
export async function specEnvSecrets(host: Host, bundle: string | null | undefined): Promise<string[]> {
  if (!bundle) return [];
  try {
    const spec = JSON.parse(await host.readFile(join(bundle, 'config.json'))) as { process?: { env?: unknown } };
    return envSecrets(Array.isArray(spec.process?.env) ? spec.process.env.filter((e): e is string => typeof e === 'string') : []);
  } catch {
    return [];
  }
}

export function envSecrets(env: string[]): string[] {
  const values: string[] = [];
  for (const entry of env) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const value = entry.slice(eq + 1);
    if (!COMMON.has(entry.slice(0, eq)) && value.length >= MIN_SECRET) values.push(value);
  }
  // Longest first, so a value inside another never leaves the rest of the longer one.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

export class Redactor {
  constructor(private readonly secrets: string[]) {}

  text(line: string): string {
    let out = line;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    out = out.replace(ENV_IN_JSON, (_all, name: string) => `"${name}=${REDACTED}"`);
    out = out.replace(ENV_IN_GO, (_all, list: string) => `Env:[${list.replace(/([A-Za-z_][A-Za-z0-9_]*)=\S*/g, `$1=${REDACTED}`)}]`);
    out = out.replace(TOKEN_WORD, (_all, key: string, sep: string) => `${key}${sep}${REDACTED}`);
    return out.replace(BEARER, `$1${REDACTED}`);
  }

  /** A JSON value with secret-named keys emptied and every string redacted. */
  json(value: unknown, key = ''): unknown {
    if (key && SECRET_KEY.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') return REDACTED;
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.json(v, k)]));
    }
    return value;
  }
}
