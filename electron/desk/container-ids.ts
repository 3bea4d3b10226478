// runsc (2022) resolves a container id by prefix, and an exact match does not win: with
// "web" and "web-2" in one root, "web" can no longer be named ("id is ambiguous").
// So a new id must be neither a prefix of an existing one nor have one as its prefix.

export function prefixClash(id: string, existing: Iterable<string>): string | null {
  for (const other of existing) {
    if (other !== id && (other.startsWith(id) || id.startsWith(other))) return other;
  }
  return null;
}

/** The first of base, base-2, base-3… that is free and clashes with nothing. */
export function freeId(base: string, existing: Set<string>, first = base): string {
  let id = first;
  for (let n = 2; existing.has(id) || prefixClash(id, existing); n++) id = `${base}-${n}`;
  return id;
}
