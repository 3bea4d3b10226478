import { useMemo } from 'react';
import type { JobFile } from '../../../shared/jobs';
import type { RequestInput } from '../../../shared/schemas';
import { LogPanel } from '../../components/log/LogPanel';
import { LogStore } from '../../logs/log-store';
import { DeskStoreProvider, useDeskStore } from '../../store-context';
import { isErrorLine, levelClass } from './glog-level';

const FIRST_ERROR = { label: 'First error', test: isErrorLine };

/**
 * A file the job kept (a runsc debug log), in the same virtualized log view as the job's
 * own log: the panel reads its lines through a LogStore of its own, paged from
 * getJobFile, so a debug log of many MB stays within the view's bounds.
 */
export function JobFileLog({ jobId, file }: { jobId: string; file: JobFile }) {
  const store = useDeskStore();
  const key = `${jobId}/${file.name}`;
  const fileStore = useMemo(() => {
    const logs = new LogStore({
      getJobLog: ({ offset, limit }: RequestInput<'getJobLog'>) => store.api.getJobFile({ jobId, name: file.name, offset, limit }),
    });
    return { ...store, logs };
    // A new size is a new file to read: runsc may still have been writing it.
  }, [store, jobId, file.name, file.bytes]);
  const base = file.name.slice(file.name.lastIndexOf('/') + 1);
  return (
    <DeskStoreProvider store={fileStore}>
      <LogPanel key={`${key}:${file.bytes}`} jobId={key} fileName={base} lineClass={file.kind === 'debug-log' ? levelClass : undefined} jump={file.kind === 'debug-log' ? FIRST_ERROR : undefined} />
    </DeskStoreProvider>
  );
}
