// An event as the socket sends it: JSON.stringify({ event, payload }). A `job:log`
// batch's lines are already JSON (the job log wrote them so), and are joined, not
// stringified again; the text is the same either way.
import type { DeskEventName, DeskEvents } from '../../shared/api';
import { linesJson } from '../desk/jobs/lines-json';

export function eventJson<E extends DeskEventName>(event: E, payload: DeskEvents[E]): string {
  if (event === 'job:log') {
    const log = payload as DeskEvents['job:log'];
    const keys = Object.keys(log);
    // Only the exact shape the runner emits; anything else goes the plain way.
    if (keys.length === 3 && keys[0] === 'jobId' && keys[1] === 'from' && keys[2] === 'lines' && Number.isFinite(log.from)) {
      return `{"event":"job:log","payload":{"jobId":${JSON.stringify(log.jobId)},"from":${log.from},"lines":${linesJson(log.lines)}}}`;
    }
  }
  return JSON.stringify({ event, payload });
}
