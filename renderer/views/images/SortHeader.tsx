import type { ImageSortKey } from '../../store';
import { useDesk } from '../../store-context';

/** A column header that sorts; aria-sort says which column orders the rows, and which way. */
export function SortHeader(props: { sortKey: ImageSortKey; label: string; className?: string }) {
  const { sortKey, label, className } = props;
  const sort = useDesk((s) => s.imageSort);
  const sortBy = useDesk((s) => s.sortImagesBy);
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th className={className} aria-sort={ariaSort}>
      <button
        type="button"
        className="sort-button"
        title={active ? `Sorted by ${label.toLowerCase()}; click to reverse` : `Sort by ${label.toLowerCase()}`}
        onClick={() => sortBy(sortKey)}
      >
        {label}
        {/* Always drawn, hidden when idle: headers keep their width and baseline. */}
        <span className={active ? 'sort-arrow' : 'sort-arrow idle'} aria-hidden="true">
          {active && sort.dir === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}
