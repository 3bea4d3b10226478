// runsc (2022) resolves a container id by prefix, and an exact match does not win: with
// "web" and "web-2" in one root, "web" can no longer be named ("id is ambiguous").
// So a new id must be neither a prefix of an existing one nor have one as its prefix.

export function prefixClash(id: string, existing: Iterable<string>): string | null {
  for (const other of existing) {
    if (other !== id && (other.startsWith(id) || id.startsWith(other))) return other;
  }
  return null;
}

/**
 * The first of first, base-2, base-3… that is free and clashes with nothing; null when
 * none can be: an existing id that starts `base-` (say "restored-web" for the base
 * "restored-web-2") is a prefix of every candidate, and the search would never end.
 */
export function freeId(base: string, existing: Set<string>, first = base): string | null {
  const hopeless = [...existing].some((other) => `${base}-`.startsWith(other));
  if (hopeless && (existing.has(first) || prefixClash(first, existing))) return null;
  let id = first;
  for (let n = 2; existing.has(id) || prefixClash(id, existing); n++) {
    if (hopeless) return null;
    id = `${base}-${n}`;
  }
  return id;
}

/** Why freeId found nothing, for the person who must then type an id. */
export function noFreeIdMessage(base: string, existing: Set<string>): string {
  const blocker = [...existing].find((other) => `${base}-`.startsWith(other)) ?? base;
  return `Every id from "${base}" on starts like the existing "${blocker}", and runsc matches ids by prefix: type an id that starts differently.`;
}
