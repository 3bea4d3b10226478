// A container's jobs: listJobs {containerId} read once per container, then the store's
// live jobs (from job:update) on top, so a checkpoint that just ended is a new point
// without another read.
import { useEffect, useMemo, useState } from 'react';
import type { DeskErrorShape } from '../../../../shared/errors';
import type { Job } from '../../../../shared/jobs';
import { mergeJobs } from '../../../lib/history';
import { toErrorShape } from '../../../state/run-action';
import { useDesk, useDeskStore } from '../../../store-context';

export function useContainerJobs(containerId: string): { jobs: Job[]; loading: boolean; error: DeskErrorShape | null } {
  const { api } = useDeskStore();
  const [read, setRead] = useState<{ id: string; jobs: Job[] } | null>(null);
  const [error, setError] = useState<DeskErrorShape | null>(null);
  const live = useDesk((s) => s.jobs);

  useEffect(() => {
    let current = true;
    setError(null);
    api.listJobs({ containerId }).then(
      (jobs) => current && setRead({ id: containerId, jobs }),
      (e: unknown) => current && setError(toErrorShape(e)),
    );
    return () => {
      current = false;
    };
  }, [api, containerId]);

  const listed = read?.id === containerId ? read.jobs : null;
  const jobs = useMemo(
    () => mergeJobs(listed ?? [], live.filter((j) => j.target.id === containerId)),
    [listed, live, containerId],
  );
  return { jobs, loading: listed === null && error === null, error };
}
