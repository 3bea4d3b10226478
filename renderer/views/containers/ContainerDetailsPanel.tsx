import { useEffect, useRef } from 'react';
import { ErrorBlock } from '../../components/ErrorBlock';
import { GpuBadge } from '../../components/GpuBadge';
import { StatusBadge } from '../../components/StatusBadge';
import { useDesk } from '../../store-context';
import { ContainerImages } from './details/ContainerImages';
import { CudaProcesses } from './details/CudaProcesses';
import { ContainerHistory } from './history/ContainerHistory';
import { DetailsPart } from './details/DetailsPart';
import { MemoryFacts } from './details/MemoryFacts';
import { ProcessesTable } from './details/ProcessesTable';
import { SpecFacts } from './details/SpecFacts';
import { NotRunning } from './details/NotRunning';
import { RemoveContainer } from './RemoveContainer';
import { activeJobOn, jobProgress } from '../../lib/job-progress';

/** The side panel of the open container. Esc closes it and gives focus back to the row. */
export function ContainerDetailsPanel() {
  const selected = useDesk((s) => s.selected);
  const details = useDesk((s) => s.details);
  const loading = useDesk((s) => s.detailsLoading);
  const error = useDesk((s) => s.detailsError);
  const containers = useDesk((s) => s.containers);
  const selectContainer = useDesk((s) => s.selectContainer);
  const openCheckpoint = useDesk((s) => s.openCheckpoint);
  const openJob = useDesk((s) => s.openJob);
  const job = useDesk((s) => (s.selected ? activeJobOn(s.jobs, s.selected) : null));
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void selectContainer(null);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [selectContainer]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [selected?.root, selected?.id]);

  if (!selected) return null;
  // The live listing knows the status better than the details read a while ago.
  const listed = containers?.containers.find((c) => c.root === selected.root && c.id === selected.id);
  const status = listed?.status ?? details?.container.status;
  const container = listed ?? details?.container ?? null;
  const live = status === 'running' || status === 'paused';

  return (
    <aside className="side-panel" data-testid="container-details" aria-labelledby="details-title">
      <header className="side-panel-head">
        <h2 id="details-title" ref={headingRef} tabIndex={-1} className="mono truncate" title={selected.id}>
          {selected.id}
        </h2>
        {(listed ?? details?.container)?.gpu && <GpuBadge />}
        {status && <StatusBadge status={status} />}
        <button
          type="button"
          className="icon-button"
          aria-label="Close details"
          title="Close details (Esc)"
          onClick={() => void selectContainer(null)}
        >
          ×
        </button>
      </header>
      <p className="small muted mono truncate" title={selected.root}>
        root {selected.root}
      </p>
      {containers && !listed && <p className="small text-warning">runsc no longer lists this container.</p>}
      {job && (
        <p className="small row-job-line">
          <button type="button" className="link-button" data-testid="details-job" onClick={() => openJob(job.id)}>
            {jobProgress(job).label}
          </button>{' '}
          <span className="muted">Its actions wait until this job ends.</span>
        </p>
      )}
      {status === 'running' && container && (
        <div className="panel-actions">
          {container.manager !== 'containerd' && (
            <button
              type="button"
              className="button primary"
              disabled={job !== null}
              onClick={(e) => {
                e.currentTarget.focus(); // the dialog gives focus back to it
                openCheckpoint(selected);
              }}
            >
              Checkpoint
            </button>
          )}
          <span className="grow" />
          <RemoveContainer key={`${selected.root}\n${selected.id}`} container={container} disabled={job !== null} />
        </div>
      )}
      {status === 'stopped' && container && <NotRunning container={container} busy={job !== null} />}

      {/* Above the facts: the picture is what a person opens the panel to see. */}
      <ContainerHistory containerId={selected.id} />
      {loading && <p className="muted">Reading the container…</p>}
      {error && <ErrorBlock error={error} />}
      {details && (
        <>
          {/* A stopped sandbox has neither; "Not running" above says so once. */}
          {live && (
            <DetailsPart title="Processes" value={details.processes} error={details.processesError}>
              {(processes) => <ProcessesTable processes={processes} pids={details.memory?.pids ?? null} />}
            </DetailsPart>
          )}
          {live && details.container.gpu && <CudaProcesses details={details} />}
          {live && (
            <DetailsPart title="Memory" value={details.memory} error={details.memoryError}>
              {(memory) => <MemoryFacts memory={memory} />}
            </DetailsPart>
          )}
          <DetailsPart title="Spec" value={details.spec} error={details.specError}>
            {(spec) => <SpecFacts spec={spec} />}
          </DetailsPart>
        </>
      )}
      <ContainerImages containerId={selected.id} offerRestore={status !== 'stopped'} />
    </aside>
  );
}
