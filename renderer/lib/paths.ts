/** "/a/b/c/" → "c": a folder's own name, for titles. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || path;
}

/** ms since the epoch → ISO, for RelativeTime; 0 means the time is unknown. */
export const msToIso = (ms: number | null | undefined): string | null =>
  ms ? new Date(ms).toISOString() : null;
