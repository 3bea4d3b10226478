// A batch of log lines serialized once. The job log writes the batch as JSON to disk, and
// the event socket sends the same lines as JSON again: at 200,000 lines a job, the second
// JSON.stringify was a large part of the service's time. The log remembers each batch's
// JSON here, and the socket sends it as it is.
import type { LogLine } from '../../../shared/jobs';

const remembered = new WeakMap<readonly LogLine[], string>();

/** Keeps JSON.stringify(lines) for `lines`, which must not change after. */
export function rememberLinesJson(lines: readonly LogLine[], json: string): void {
  remembered.set(lines, json);
}

/** JSON.stringify(lines), from what the log remembered when it can. */
export function linesJson(lines: readonly LogLine[]): string {
  let json = remembered.get(lines);
  if (json === undefined) {
    json = JSON.stringify(lines);
    // Once, however many sockets send it.
    remembered.set(lines, json);
  }
  return json;
}
