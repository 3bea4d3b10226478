import type { Attention } from '../../lib/attention';

/** What the header's badge counts, each with what to do. */
export function AttentionList({ items }: { items: Attention[] }) {
  if (items.length === 0) return null;
  return (
    <section className="card attention" data-testid="attention-list" aria-labelledby="attention-title">
      <h2 id="attention-title">Needs attention</h2>
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.key} data-key={item.key}>
            <p className="attention-message">{item.message}</p>
            <p className="small muted">{item.fix}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
