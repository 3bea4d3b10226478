import type { CudaProcess } from '../../../../shared/gpu';

/** The processes that hold an NVIDIA device, with cuda-checkpoint's word on each. */
export function CudaProcessesTable({ processes }: { processes: CudaProcess[] }) {
  if (processes.length === 0) return <p className="muted small">No process holds an NVIDIA device.</p>;
  return (
    <table className="grid processes-table" data-testid="cuda-processes">
      <thead>
        <tr>
          <th className="col-pid num">PID</th>
          <th>Command</th>
          <th className="col-cuda-state">State</th>
        </tr>
      </thead>
      <tbody>
        {processes.map((p) => (
          <tr key={p.pid} data-state={p.state ?? ''}>
            <td className="mono num">{p.pid}</td>
            <td className="mono wrap">{p.command}</td>
            <td className={p.state ? `cuda-state state-${p.state}` : 'muted'} title={p.state ? undefined : 'This cuda-checkpoint cannot tell (no --get-state before R555)'}>
              {p.state ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
