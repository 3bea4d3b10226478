/** container_specs is a JSON blob; it is shown as the per-container summary instead. */
const SUMMARIZED = new Set(['container_specs']);

/** The gVisorSF header's key/values, as runsc wrote them. */
export function ImageMetadata({ metadata }: { metadata: Record<string, string> }) {
  const entries = Object.entries(metadata)
    .filter(([key]) => !SUMMARIZED.has(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="details-part" aria-labelledby="image-metadata-title">
      <h3 id="image-metadata-title">Header metadata</h3>
      {entries.length === 0 ? (
        <p className="muted small">No metadata in the header.</p>
      ) : (
        <table className="grid metadata-table">
          <thead>
            <tr>
              <th className="col-key">Key</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key}>
                <td className="mono">{key}</td>
                <td className="mono wrap">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
