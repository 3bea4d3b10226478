// An event as the socket sends it: the UTF-8 of JSON.stringify({ event, payload }). A
// `job:log` batch's lines are already JSON bytes (the job log encoded them for its file),
// and are joined, not stringified and encoded again; the bytes are the same either way.
import type { DeskEventName, DeskEvents } from '../../shared/api';
import { linesJson } from '../desk/jobs/lines-json';

const CLOSE = Buffer.from('}}');

export function eventJson<E extends DeskEventName>(event: E, payload: DeskEvents[E]): Buffer {
  if (event === 'job:log') {
    const log = payload as DeskEvents['job:log'];
    const keys = Object.keys(log);
    // Only the exact shape the runner emits; anything else goes the plain way.
    if (keys.length === 3 && keys[0] === 'jobId' && keys[1] === 'from' && keys[2] === 'lines' && Number.isFinite(log.from)) {
      const head = Buffer.from(`{"event":"job:log","payload":{"jobId":${JSON.stringify(log.jobId)},"from":${log.from},"lines":`);
      return Buffer.concat([head, linesJson(log.lines), CLOSE]);
    }
  }
  return Buffer.from(JSON.stringify({ event, payload }));
}
