// A batch of log lines serialized once. The job log turns each batch into JSON and that
// into UTF-8 bytes for the file; the event socket sends the same lines as JSON bytes
// again. At 200,000 lines a job, stringifying and encoding them a second time (ws counts
// a string's bytes, then copies it) was a large part of the service's time. The log
// remembers each batch's bytes here, and the socket sends them as they are.
import type { LogLine } from '../../../shared/jobs';

const remembered = new WeakMap<readonly LogLine[], Buffer>();

/** Keeps the UTF-8 of JSON.stringify(lines) for `lines`, which must not change after. */
export function rememberLinesJson(lines: readonly LogLine[], json: Buffer): void {
  remembered.set(lines, json);
}

/** The UTF-8 of JSON.stringify(lines), from what the log remembered when it can. */
export function linesJson(lines: readonly LogLine[]): Buffer {
  let json = remembered.get(lines);
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(lines));
    // Once, however many sockets send it.
    remembered.set(lines, json);
  }
  return json;
}
