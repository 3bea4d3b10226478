/** A root's global flags, each as runsc gets it. */
export function FlagChips({ flags, empty = 'no global flags' }: { flags: string[]; empty?: string }) {
  if (flags.length === 0) return <span className="muted small">{empty}</span>;
  return (
    <span className="chips">
      {flags.map((flag, i) => (
        <code key={`${i}:${flag}`} className="chip">
          {flag}
        </code>
      ))}
    </span>
  );
}
