import { useDesk } from '../../store-context';
import type { Show } from '../../store';

const SHOW: { show: Show; label: string; title: string }[] = [
  { show: 'running', label: 'Running', title: 'Only live sandboxes: running or paused' },
  { show: 'all', label: 'All', title: 'Every container runsc lists, stopped ones too' },
];

/** The search over id and bundle, and the Running / All switch. */
export function ContainersToolbar() {
  const filter = useDesk((s) => s.filter);
  const setFilter = useDesk((s) => s.setFilter);
  return (
    <div className="toolbar">
      <input
        type="search"
        className="input search"
        placeholder="Search id or bundle"
        aria-label="Search containers by id or bundle"
        value={filter.search}
        onChange={(e) => setFilter({ search: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && filter.search) {
            // Esc clears the search first; a second Esc may close the panel.
            e.stopPropagation();
            setFilter({ search: '' });
          }
        }}
      />
      <div className="segmented" role="group" aria-label="Which containers to show">
        {SHOW.map(({ show, label, title }) => (
          <button
            key={show}
            type="button"
            aria-pressed={filter.show === show}
            title={title}
            onClick={() => setFilter({ show })}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
