import type { Overview } from '../../../shared/model';
import { placesLookedAt } from '../../lib/attention';

/** Where the Desk searched for runsc, roots and cuda-checkpoint: for a search gone wrong, so closed at first. */
export function PlacesLookedAt({ overview }: { overview: Overview }) {
  const lists = placesLookedAt(overview);
  const count = lists.reduce((n, l) => n + l.paths.length, 0);
  if (count === 0) return null;
  return (
    <details className="card places" data-testid="places-looked-at">
      <summary>
        <h2>Places looked at</h2> <span className="small muted">({count})</span>
      </summary>
      {lists.map(({ what, paths }) => (
        <div key={what} className="places-list">
          <h3>{what}</h3>
          <ul className="mono small plain-list">
            {paths.map((path) => (
              <li key={path}>{path}</li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}
