// The helper's wire: newline-delimited JSON over the helper's stdin and stdout. Only
// the shell that started the helper holds those pipes, so nobody else can send it a
// request (no socket, no port). One JSON value per line; JSON.stringify never emits a
// raw newline, so a line is always one whole message.
import { StringDecoder } from 'node:string_decoder';
import { DESK_EVENTS, type DeskEventName } from '../../shared/api';
import type { DeskErrorShape } from '../../shared/errors';

/** Shell to helper: a DeskApi call, or a change in which events the shell wants. */
export type ShellMessage =
  | { id: number; method: string; payload: unknown }
  | { id: number; subscribe: DeskEventName }
  | { id: number; unsubscribe: DeskEventName };

/** Helper to shell: ready once the service is up, answers by id, and events. */
export type HelperMessage =
  | { ready: { pid: number } }
  | { id: number; ok: true; result: unknown }
  | { id: number | null; ok: false; error: DeskErrorShape }
  | { event: DeskEventName; payload: unknown };

/** Requests are at most the HTTP shell's 1 MiB body; anything far bigger is not ours. */
export const MAX_REQUEST_LINE = 8 * 1024 * 1024;

export function encode(message: ShellMessage | HelperMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** Splits a byte stream into lines; a multi-byte character split across chunks survives. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** Inside a line that was too long: drop everything up to its newline. */
  private skipping = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLine = Number.POSITIVE_INFINITY,
    private readonly onOverflow: () => void = () => {},
  ) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (this.skipping) this.skipping = false;
      else if (line.trim() !== '') this.onLine(line);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.maxLine) {
      this.pending = '';
      if (!this.skipping) this.onOverflow();
      this.skipping = true;
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEvent = (v: unknown): v is DeskEventName => typeof v === 'string' && (DESK_EVENTS as string[]).includes(v);

/** Reads one line from the shell; null when it is not a message of this protocol. */
export function parseShellMessage(line: string): ShellMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value) || typeof value.id !== 'number' || !Number.isSafeInteger(value.id)) return null;
  if (typeof value.method === 'string') return { id: value.id, method: value.method, payload: value.payload };
  if (isEvent(value.subscribe)) return { id: value.id, subscribe: value.subscribe };
  if (isEvent(value.unsubscribe)) return { id: value.id, unsubscribe: value.unsubscribe };
  return null;
}

/** Reads one line from the helper; null when it is not a message of this protocol. */
export function parseHelperMessage(line: string): HelperMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (isObject(value.ready) && typeof value.ready.pid === 'number') return { ready: { pid: value.ready.pid } };
  if (isEvent(value.event)) return { event: value.event, payload: value.payload };
  if (value.ok === true && typeof value.id === 'number') return { id: value.id, ok: true, result: value.result };
  if (value.ok === false && (typeof value.id === 'number' || value.id === null) && isObject(value.error)) {
    return { id: value.id, ok: false, error: value.error as unknown as DeskErrorShape };
  }
  return null;
}
