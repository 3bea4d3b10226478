// Listing a root's containers. Concurrent callers of the same root share one runsc
// call, so a burst of refreshes spawns runsc once.
import { DeskError } from '../../shared/errors';
import type { Container, ManagerKind } from '../../shared/model';
import type { RootContext } from './runsc/argv';
import type { RunscClient } from './runsc/client';
import { parseListCreated, parseListJson } from './runsc/list-parser';
import { SandboxGpu } from './cuda/sandbox-gpu';
import { buildDate } from './checkpoint/generation';

export interface RootListingResult {
  root: string;
  containers: Container[];
  error: DeskError | null;
}

export class Lister {
  private readonly inflight = new Map<string, Promise<RootListingResult>>();
  /**
   * Creation times by root, id and pid. Only runsc's text listing has them, and they
   * never change for a given sandbox, so the text listing runs only when one is new.
   */
  private readonly created = new Map<string, string>();
  private readonly gpu = new SandboxGpu();

  /**
   * Every container carries its root's manager. `created: false` for callers that only
   * need states (planning): one runsc call, never two.
   */
  list(client: RunscClient, root: { ctx: RootContext; manager: ManagerKind }, { created = true } = {}): Promise<RootListingResult> {
    const { ctx, manager } = root;
    const key = `${client.binary}\0${ctx.root}\0${ctx.globalFlags.join('\0')}\0${created}\0${manager}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.listRoot(client, ctx, manager, created).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async listRoot(client: RunscClient, ctx: RootContext, manager: ManagerKind, wantCreated: boolean): Promise<RootListingResult> {
    let json;
    try {
      json = await client.call(ctx, 'list', { format: 'json' });
    } catch (error) {
      return { root: ctx.root, containers: [], error: DeskError.from(error) };
    }
    try {
      const containers: Container[] = parseListJson(ctx.root, json.stdout, new Map()).map((c) => ({ ...c, manager }));
      const key = (c: { id: string; pid: number | null }) => `${ctx.root}\0${c.id}\0${c.pid}`;
      if (wantCreated && containers.some((c) => !this.created.has(key(c)))) {
        try {
          const times = parseListCreated((await client.call(ctx, 'list', { format: 'text' })).stdout);
          for (const c of containers) {
            const time = times.get(c.id);
            if (time) this.created.set(key(c), time);
          }
        } catch {
          // Creation times are a nicety; the listing stands without them.
        }
      }
      for (const c of containers) c.created = this.created.get(key(c)) ?? null;
      // runsc's own test (GPUFunctionalityRequested): --nvproxy on the root alone does not
      // make a container a GPU one; its bundle must ask for a GPU.
      const gpu = await this.gpu.of(client.host, ctx.root, ctx.globalFlags, buildDate(client.caps), containers);
      containers.forEach((c, i) => (c.gpu = gpu[i]!));
      return { root: ctx.root, containers, error: null };
    } catch (error) {
      return {
        root: ctx.root,
        containers: [],
        error: new DeskError('RUNSC_FAILED', `runsc list printed output the Desk cannot read: ${(error as Error).message}`, {
          argv: json.argv,
          stdout: json.stdout.slice(0, 4096),
          stderr: json.stderr,
        }),
      };
    }
  }
}
