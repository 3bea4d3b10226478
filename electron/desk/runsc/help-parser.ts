// Reads the flags out of runsc's help text. runsc prints them with Go's
// flag.PrintDefaults, so the layout is Go's: "  -name type" then the help on the same
// line after a tab (short names) or on the next line after "    \t".
import type { FlagSpec, FlagType } from '../../../shared/model';

const FLAG_BLOCK = /  -([A-Za-z0-9][\w.-]*)(?: ([^\n\t]+))?(?:\t|\n {4}\t)((?:[^\n]|\n {4}\t)*)/g;

const TYPE_NAMES: Record<string, FlagType> = {
  string: 'string',
  int: 'int',
  int64: 'int',
  uint: 'uint',
  uint64: 'uint',
  float: 'float',
  float64: 'float',
  duration: 'duration',
  value: 'value',
};

export function parseFlags(help: string): FlagSpec[] {
  const flags: FlagSpec[] = [];
  const seen = new Set<string>();
  for (const match of help.matchAll(FLAG_BLOCK)) {
    const [, name, typeName, rawHelp] = match;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    let text = (rawHelp ?? '').replace(/\n {4}\t/g, '\n').trim();
    let defaultValue: string | undefined;
    const dflt = /\s*\(default ("(?:[^"\\]|\\.)*"|[^)]*)\)$/.exec(text);
    if (dflt) {
      defaultValue = dflt[1]!.replace(/^"|"$/g, '');
      text = text.slice(0, dflt.index).trim();
    }
    // Go names a flag's type only when it takes a value; a bare name is a bool. A
    // back-quoted word in the help replaces the type name, so an unknown name is a value.
    const type: FlagType = typeName === undefined ? 'bool' : (TYPE_NAMES[typeName] ?? 'value');
    flags.push(defaultValue === undefined ? { name, type, help: text } : { name, type, help: text, default: defaultValue });
  }
  return flags;
}

/** "runsc version 0.0~20221219.0\nspec: 1.0.2-dev" → its two parts. */
export function parseVersion(text: string): { version: string; spec?: string } | null {
  const version = /runsc version (\S+)/.exec(text)?.[1];
  if (!version) return null;
  const spec = /spec: (\S+)/.exec(text)?.[1];
  return spec ? { version, spec } : { version };
}
