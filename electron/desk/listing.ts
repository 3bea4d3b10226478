// Listing a root's containers. Concurrent callers of the same root share one runsc
// call, so a burst of refreshes spawns runsc once.
import { DeskError } from '../../shared/errors';
import type { Container } from '../../shared/model';
import type { RootContext } from './runsc/argv';
import type { RunscClient } from './runsc/client';
import { parseListCreated, parseListJson } from './runsc/list-parser';

export interface RootListingResult {
  root: string;
  containers: Container[];
  error: DeskError | null;
}

export class Lister {
  private readonly inflight = new Map<string, Promise<RootListingResult>>();

  list(client: RunscClient, ctx: RootContext): Promise<RootListingResult> {
    const key = `${client.binary}\0${ctx.root}\0${ctx.globalFlags.join('\0')}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = listRoot(client, ctx).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}

async function listRoot(client: RunscClient, ctx: RootContext): Promise<RootListingResult> {
  // Only the text format has creation times; both run at once, so the wait is one call.
  const [json, text] = await Promise.allSettled([
    client.call(ctx, 'list', { format: 'json' }),
    client.call(ctx, 'list', { format: 'text' }),
  ]);
  if (json.status === 'rejected') return { root: ctx.root, containers: [], error: DeskError.from(json.reason) };
  const created = text.status === 'fulfilled' ? parseListCreated(text.value.stdout) : new Map<string, string>();
  try {
    return { root: ctx.root, containers: parseListJson(ctx.root, json.value.stdout, created), error: null };
  } catch (error) {
    return {
      root: ctx.root,
      containers: [],
      error: new DeskError('RUNSC_FAILED', `runsc list printed output the Desk cannot read: ${(error as Error).message}`, {
        argv: json.value.argv,
        stdout: json.value.stdout.slice(0, 4096),
        stderr: json.value.stderr,
      }),
    };
  }
}
