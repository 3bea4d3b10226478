import type { DeleteImageResult } from '../../../shared/images';

/** After a delete: what went, and what the Desk did not know and so left alone. */
export function DeleteResult({ result }: { result: DeleteImageResult }) {
  return (
    <section className="details-part delete-result" data-testid="delete-result" role="status">
      <h3>Image deleted</h3>
      <p className="small">
        Removed: <span className="mono">{result.removed.length > 0 ? result.removed.join(', ') : 'nothing'}</span>.
      </p>
      {result.kept.length > 0 ? (
        <>
          <p className="small">Kept, as they are not image content; the folder stays:</p>
          <ul className="plain-list mono small" data-testid="delete-kept">
            {result.kept.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="small muted">
          {result.folderRemoved ? 'The folder was empty then, and is gone too.' : 'Nothing else was in the folder.'}
        </p>
      )}
    </section>
  );
}
