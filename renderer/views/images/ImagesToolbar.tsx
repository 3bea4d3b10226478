import type { ImageStateFilter } from '../../store';
import { useDesk } from '../../store-context';

const FILTERS: { filter: ImageStateFilter; label: string; title: string }[] = [
  { filter: 'all', label: 'All', title: 'Every image found' },
  { filter: 'complete', label: 'Complete', title: 'Images runsc finished writing: the ones that can be restored' },
  { filter: 'problems', label: 'Partial or unreadable', title: 'Half-written images and images whose header cannot be read' },
];

/** The search over container id and path, and the state filter. */
export function ImagesToolbar({ shown, total }: { shown: number; total: number }) {
  const search = useDesk((s) => s.imageSearch);
  const setSearch = useDesk((s) => s.setImageSearch);
  const filter = useDesk((s) => s.imageFilter);
  const setFilter = useDesk((s) => s.setImageFilter);
  return (
    <div className="toolbar">
      <input
        type="search"
        className="input search"
        placeholder="Search container id or path"
        aria-label="Search images by container id or path"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && search) {
            // Esc clears the search first; a second Esc may close the panel.
            e.stopPropagation();
            setSearch('');
          }
        }}
      />
      <div className="segmented" role="group" aria-label="Which images to show">
        {FILTERS.map((f) => (
          <button key={f.filter} type="button" aria-pressed={filter === f.filter} title={f.title} onClick={() => setFilter(f.filter)}>
            {f.label}
          </button>
        ))}
      </div>
      <span className="small muted">
        {shown === total ? `${total} ${total === 1 ? 'image' : 'images'}` : `${shown} of ${total} images`}
      </span>
    </div>
  );
}
