import type { OptionSupport } from '../../../shared/model';

/** Which checkpoint options the installed runsc really has, read from its own help. */
export function CheckpointOptions({ options }: { options: OptionSupport[] }) {
  return (
    <section className="card" aria-labelledby="options-title">
      <h2 id="options-title">Checkpoint options in the default runsc</h2>
      {options.length === 0 ? (
        <p className="muted">Unknown until runsc answers its help.</p>
      ) : (
        <table className="grid options-table">
          <thead>
            <tr>
              <th>Option</th>
              <th>Flag</th>
              <th className="col-yes">Supported</th>
              <th>What runsc says</th>
            </tr>
          </thead>
          <tbody>
            {options.map((o) => (
              <tr key={o.option} data-supported={o.supported}>
                <td className="mono">{o.option}</td>
                <td className="mono">{o.flag}</td>
                <td className={o.supported ? 'yes' : 'no'}>
                  <span aria-hidden="true">{o.supported ? '✓' : '✗'}</span>
                  <span className="visually-hidden">{o.supported ? 'supported' : 'not supported'}</span>
                </td>
                <td className="small muted">{o.help ?? (o.supported ? '' : 'not in this runsc')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
