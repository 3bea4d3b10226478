// Roots: the ones the Desk found, its own, and the user's, each resolved against this
// runsc's global flags and bound to its manager.
import { DeskError } from '../../../shared/errors';
import type { RootInfo } from '../../../shared/model';
import type { Request } from '../../../shared/schemas';
import type { Host } from '../host/host';
import { managerKind } from '../managers/manager';
import { assembleRoots, discoverRoots, lookedAt, unknownRootMessage, validateProfile, type KnownLocations, type ResolvedRoot, type RootProfile } from '../roots';
import type { RunscClient } from '../runsc/client';
import type { SettingsStore } from '../settings';
import { REMOTE_FACTS, Revalidating } from '../revalidating';
import { runscUnavailable, type Runtime, type RuntimeService } from './runtime-service';

export interface RootsDeps {
  host: Host;
  settings: SettingsStore;
  runtime: RuntimeService;
  deskRoot: string;
  locations: KnownLocations;
  /** After a change the Desk made itself. */
  changed(): Promise<void>;
  /** The roots as the overview shows them, with their container counts. */
  rootInfos(): Promise<RootInfo[]>;
}

export class RootsService {
  /**
   * A remote host's discovered roots, kept as its runsc is (REMOTE_FACTS): finding them is
   * a batch stat and a read of daemon.json, round trips a listing must not wait for. A
   * root made on the host shows after the next refresh (within REMOTE_FACTS.maxAgeMs);
   * the Desk's own root and the user's roots come from the settings, read on every call,
   * so they show at once. This machine's are looked for on every call.
   */
  private readonly discovered: Revalidating<RootProfile[]> | null;

  constructor(private readonly deps: RootsDeps) {
    const { host, locations } = deps;
    this.discovered = host.name === 'local' ? null : new Revalidating(() => discoverRoots(host, locations), REMOTE_FACTS);
  }

  get deskRoot(): string {
    return this.deps.deskRoot;
  }

  lookedAt(): string[] {
    return lookedAt(this.deps.locations);
  }

  async resolve(runtime: Runtime): Promise<ResolvedRoot[]> {
    const discovered = this.discovered ? await this.discovered.get() : await discoverRoots(this.deps.host, this.deps.locations);
    const profiles = assembleRoots(discovered, this.deps.deskRoot, this.deps.settings.get());
    return profiles.map((profile) => bindRoot(profile, runtime));
  }

  /** A root the Desk knows, and the runsc bound to it (else the default); NOT_FOUND or RUNSC_MISSING otherwise. */
  async known(path: string): Promise<{ runtime: Runtime; root: ResolvedRoot; client: RunscClient }> {
    const defaultRuntime = await this.deps.runtime.current();
    const found = (await this.resolve(defaultRuntime)).find((r) => r.profile.path === path);
    if (!found) {
      throw new DeskError('NOT_FOUND', unknownRootMessage(path), { field: 'root' });
    }
    const runtime = found.profile.runsc ? await this.deps.runtime.runtimeFor(found) : defaultRuntime;
    // Its flags are checked against the binary that will run them.
    const root = runtime === defaultRuntime ? found : bindRoot(found.profile, runtime);
    if (!runtime.client) throw runscUnavailable(runtime.info);
    return { runtime, root, client: runtime.client };
  }

  /** A resolved root bound to its own runsc, checked against that binary; null when that one cannot run. */
  async ownRuntime(found: ResolvedRoot): Promise<{ root: ResolvedRoot; client: RunscClient } | null> {
    const runtime = await this.deps.runtime.runtimeFor(found);
    return runtime.client ? { root: bindRoot(found.profile, runtime), client: runtime.client } : null;
  }

  async addRoot(request: Request<'addRoot'>): Promise<RootInfo[]> {
    // A root bound to its own runsc: that binary must run, and its flags are checked against it.
    if (request.runsc) {
      const refusal = await this.deps.runtime.refusal(request.runsc);
      if (refusal) throw new DeskError('INVALID_INPUT', refusal.message, { ...refusal.details, field: 'runsc' });
    }
    const runtime = request.runsc ? await this.deps.runtime.forPath(request.runsc) : await this.deps.runtime.current();
    const caps = runtime.info.capabilities;
    request.globalFlags.forEach((flag, i) => {
      const { problems } = validateProfile([flag], caps);
      if (problems.length > 0) {
        throw new DeskError('INVALID_INPUT', `globalFlags.${i}: ${problems[0]}.`, { field: `globalFlags.${i}` });
      }
    });
    const { settings } = this.deps;
    const current = settings.get();
    const discovered = (await this.resolve(runtime)).find((r) => r.profile.path === request.path && !r.profile.removable);
    if (discovered) {
      // A root the Desk found itself keeps its place; only its profile changes.
      await settings.update({ profiles: { ...current.profiles, [request.path]: request.globalFlags } });
    } else {
      const userRoots = current.userRoots.filter((r) => r.path !== request.path);
      await settings.update({ userRoots: [...userRoots, { path: request.path, globalFlags: request.globalFlags, ...(request.runsc ? { runsc: request.runsc } : {}) }] });
    }
    await this.deps.changed();
    return this.deps.rootInfos();
  }

  async removeRoot(request: Request<'removeRoot'>): Promise<RootInfo[]> {
    const { settings } = this.deps;
    const current = settings.get();
    if (!current.userRoots.some((r) => r.path === request.path)) {
      throw new DeskError('NOT_FOUND', `${request.path} is not a root you added; found roots cannot be removed.`, { field: 'path' });
    }
    await settings.update({ userRoots: current.userRoots.filter((r) => r.path !== request.path) });
    await this.deps.changed();
    return this.deps.rootInfos();
  }
}

/** A root's profile checked against the runsc that will run it. */
function bindRoot(profile: RootProfile, runtime: Runtime): ResolvedRoot {
  const { valid, problems } = validateProfile(profile.requestedFlags, runtime.info.capabilities);
  return { profile, manager: managerKind(profile.source), ctx: { root: profile.path, globalFlags: valid }, problems };
}
