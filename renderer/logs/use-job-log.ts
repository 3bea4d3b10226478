// A component's view of one job's log: the view, and a version that changes when it
// does. Only components that call this re-render on new lines.
import { useMemo, useSyncExternalStore } from 'react';
import { useDeskStore } from '../store-context';
import type { LogView } from './log-view';

export interface JobLogView {
  buffer: LogView;
  version: number;
  loading: boolean;
  error: string | null;
}

export function useJobLog(jobId: string): JobLogView {
  const { logs } = useDeskStore();
  // open() is idempotent: it makes the view and has the engine fill it once, then hands it back.
  const buffer = useMemo(() => logs.open(jobId), [logs, jobId]);
  const version = useSyncExternalStore(buffer.subscribe, () => buffer.version);
  return { buffer, version, loading: buffer.loading, error: buffer.error };
}
