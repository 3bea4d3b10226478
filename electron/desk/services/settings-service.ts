// The user's settings, as the DeskApi reads and changes them.
import type { DeskResults } from '../../../shared/api';
import type { DeskError } from '../../../shared/errors';
import type { Request } from '../../../shared/schemas';
import type { SettingsStore } from '../settings';

export class SettingsService {
  constructor(
    private readonly settings: SettingsStore,
    /** After a change: another runsc may list other containers. */
    private readonly changed: () => Promise<void>,
    /** Why a path cannot be used as runsc, in what it printed; null when it can (RuntimeService.refusal). */
    private readonly runscRefusal?: (path: string) => Promise<DeskError | null>,
  ) {}

  async getSettings(): Promise<DeskResults['getSettings']> {
    return this.settings.get();
  }

  async updateSettings(request: Request<'updateSettings'>): Promise<DeskResults['updateSettings']> {
    const change: Parameters<SettingsStore['update']>[0] = {};
    if (request.runscPath !== undefined) change.runscPath = request.runscPath;
    if (request.runscBinaries !== undefined) change.runscBinaries = [...new Set(request.runscBinaries)];
    await this.refuseBrokenRunsc(change);
    if (request.privilege !== undefined) change.privilege = request.privilege;
    if (request.cudaCheckpointPath !== undefined) change.cudaCheckpointPath = request.cudaCheckpointPath;
    if (request.sshConfigFile !== undefined) change.sshConfigFile = request.sshConfigFile;
    if (request.theme !== undefined) change.theme = request.theme;
    const updated = await this.settings.update(change);
    // The theme is the window's alone; anything else may change what runsc lists.
    if (Object.keys(change).some((key) => key !== 'theme')) await this.changed();
    return updated;
  }

  /** A runsc path that is not runsc, or cannot run, is refused here, with what it printed, and nothing is saved. */
  private async refuseBrokenRunsc(change: { runscPath?: string | null; runscBinaries?: string[] }): Promise<void> {
    if (!this.runscRefusal) return;
    const known = new Set(this.settings.get().runscBinaries ?? []);
    const fields: [string, string][] = [];
    if (change.runscPath) fields.push(['runscPath', change.runscPath]);
    (change.runscBinaries ?? []).forEach((path, i) => {
      if (!known.has(path)) fields.push([`runscBinaries.${i}`, path]);
    });
    for (const [field, path] of fields) {
      const refusal = await this.runscRefusal(path);
      if (refusal) {
        refusal.details!.field = field;
        throw refusal;
      }
    }
  }
}
