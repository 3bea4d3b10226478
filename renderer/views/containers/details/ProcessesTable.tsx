import type { ProcessInfo } from '../../../../shared/model';

/** What `runsc ps` shows, inside the sandbox. */
export function ProcessesTable({ processes, pids = null }: { processes: ProcessInfo[]; pids?: number | null }) {
  if (processes.length === 0) {
    // runsc 2022's ps does not list the processes of a restored sandbox, though they run.
    return pids ? (
      <p className="muted small">runsc ps lists none here, though the sandbox counts {pids} processes: a restored sandbox’s processes are not listed by this runsc.</p>
    ) : (
      <p className="muted small">No processes.</p>
    );
  }
  return (
    <table className="grid processes-table">
      <thead>
        <tr>
          <th className="col-uid">UID</th>
          <th className="col-pid num">PID</th>
          <th className="col-pid num">PPID</th>
          <th className="col-stime">STIME</th>
          <th className="col-time">TIME</th>
          <th>CMD</th>
        </tr>
      </thead>
      <tbody>
        {processes.map((p) => (
          <tr key={p.pid}>
            <td className="mono">{p.uid}</td>
            <td className="mono num">{p.pid}</td>
            <td className="mono num">{p.ppid}</td>
            <td className="mono">{p.stime}</td>
            <td className="mono">{p.time}</td>
            <td className="mono wrap">{p.cmd}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
