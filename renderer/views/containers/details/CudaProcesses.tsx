import type { ContainerDetails } from '../../../../shared/model';
import { useDesk } from '../../../store-context';
import { CudaProcessesTable } from './CudaProcessesTable';
import { DetailsPart } from './DetailsPart';

/** A GPU container's CUDA processes, or why there is no list. */
export function CudaProcesses({ details }: { details: ContainerDetails }) {
  const generation = useDesk((s) => s.overview?.gpu.generation ?? null);
  if (generation === 'none') {
    return (
      <section className="details-part">
        <h3>CUDA processes</h3>
        <p className="muted small" data-testid="cuda-unsupported">
          This runsc has no GPU support: it cannot list or checkpoint CUDA processes.
        </p>
      </section>
    );
  }
  return (
    <DetailsPart title="CUDA processes" value={details.cuda} error={details.cudaError}>
      {(processes) => <CudaProcessesTable processes={processes} />}
    </DetailsPart>
  );
}
