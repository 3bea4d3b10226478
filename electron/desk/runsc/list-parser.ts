// Parsers for runsc's list, ps and events output.
import type { Container, MemoryUse, ProcessInfo } from '../../../shared/model';

interface ListEntry {
  id: string;
  status: string;
  pid: number;
  bundle: string;
  annotations?: Record<string, string>;
}

/** A listed container; its manager comes from its root, not from runsc. */
export type ListedContainer = Omit<Container, 'manager'>;

/** `runsc list -format=json`: one JSON array, or `null` for an empty root. */
export function parseListJson(root: string, text: string, created: Map<string, string>): ListedContainer[] {
  const parsed: unknown = JSON.parse(text.trim() || 'null');
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new Error('runsc list printed something other than a JSON array');
  return (parsed as ListEntry[]).map((entry) => ({
    root,
    id: String(entry.id),
    status: String(entry.status),
    pid: typeof entry.pid === 'number' && entry.pid > 0 ? entry.pid : null,
    bundle: String(entry.bundle ?? ''),
    created: created.get(entry.id) ?? null,
    annotations: entry.annotations ?? {},
    gpu: false,
  }));
}

const RFC3339 = /\s(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d))(?:\s|$)/;

/**
 * `runsc list` (text): only this format has the creation time. Columns are
 * ID PID STATUS BUNDLE CREATED OWNER; a bundle may hold spaces, so anchor on the time.
 */
export function parseListCreated(text: string): Map<string, string> {
  const created = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const id = line.split(/\s+/, 1)[0];
    const time = RFC3339.exec(line)?.[1];
    if (id && time) created.set(id, time);
  }
  return created;
}

/** `runsc ps` (table). Its JSON format prints only pids in the 2022 build. */
export function parsePsTable(text: string): ProcessInfo[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (!header || !/^UID\s+PID\s+PPID/.test(header)) return [];
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // UID PID PPID C TTY STIME TIME CMD...
    return {
      uid: cols[0] ?? '',
      pid: Number(cols[1]),
      ppid: Number(cols[2]),
      stime: cols[5] ?? '',
      time: cols[6] ?? '',
      cmd: cols.slice(7).join(' '),
    };
  });
}

/** `runsc events -stats`: one JSON object. */
export function parseEventsStats(text: string): MemoryUse {
  const event = JSON.parse(text) as {
    data?: {
      memory?: { usage?: { usage?: number; limit?: number } };
      pids?: { current?: number };
      cpu?: { usage?: { total?: number } };
    };
  };
  const data = event.data ?? {};
  const limit = data.memory?.usage?.limit;
  return {
    usageBytes: data.memory?.usage?.usage ?? 0,
    limitBytes: limit && limit > 0 ? limit : null,
    pids: data.pids?.current ?? null,
    cpuNanos: data.cpu?.usage?.total ?? null,
  };
}
