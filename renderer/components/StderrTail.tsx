import { useJobLog } from '../logs/use-job-log';

const LINES = 20;
/** How far back to look for stderr lines; the log may be mostly stdout. */
const LOOK_BACK = 5000;

/** runsc's last stderr lines as they are in the job's log, for a failure no rule explains. */
export function StderrTail({ jobId }: { jobId: string }) {
  const { buffer } = useJobLog(jobId);
  const tail: string[] = [];
  for (let i = buffer.length - 1; i >= Math.max(0, buffer.length - LOOK_BACK) && tail.length < LINES; i--) {
    const line = buffer.at(i)!;
    if (line.stream === 'stderr') tail.unshift(line.text);
  }
  if (tail.length === 0) return <p className="small muted">runsc wrote nothing to stderr. The whole log is below.</p>;
  return <pre className="stderr-block">{tail.join('\n')}</pre>;
}
