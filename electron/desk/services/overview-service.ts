// The overview: runsc, the roots with their counts, the GPU side, and where the Desk looked.
import type { DeskResults } from '../../../shared/api';
import type { RootInfo } from '../../../shared/model';
import { runsAsRoot } from '../host/host';
import type { RootListingResult } from '../listing';
import type { ResolvedRoot } from '../roots';
import type { SettingsStore } from '../settings';
import type { ContainersService } from './containers-service';
import type { RootsService } from './roots-service';
import type { RuntimeService } from './runtime-service';

export interface OverviewDeps {
  runtime: RuntimeService;
  roots: RootsService;
  containers: ContainersService;
  settings: SettingsStore;
  dataDir: string;
}

export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  async getOverview(): Promise<DeskResults['getOverview']> {
    const { runtime: runtimeService, containers, settings } = this.deps;
    const runtime = await runtimeService.current();
    const [{ roots, results }, gpu, binaries, isRoot] = await Promise.all([
      containers.listAll(runtime),
      runtimeService.gpu(runtime),
      runtimeService.binaries(),
      // The host's login, not this process: a remote host may be reached as root or not.
      runsAsRoot(runtimeService.host),
    ]);
    return {
      gpu,
      runsc: runtime.info,
      isRoot: isRoot === true,
      privilege: settings.get().privilege,
      dataDir: this.deps.dataDir,
      roots: roots.map((r, i) => rootInfo(r, results[i]!)),
      checkpointOptions: runtimeService.checkpointSupport(runtime),
      lookedAt: this.deps.roots.lookedAt(),
      // The Runtime page shows them side by side; the restore dialog picks among them.
      runscBinaries: binaries.map(({ runtime: _probed, ...binary }) => binary),
    };
  }
}

function rootInfo(root: ResolvedRoot, listing: RootListingResult): RootInfo {
  return {
    path: root.profile.path,
    source: root.profile.source,
    globalFlags: root.ctx.globalFlags,
    profileSource: root.profile.profileSource,
    profileProblems: root.problems,
    removable: root.profile.removable,
    manager: root.manager,
    runsc: root.profile.runsc,
    containerCount: listing.error ? null : listing.containers.length,
    error: listing.error?.toJSON() ?? null,
  };
}
