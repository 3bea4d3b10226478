// The user's settings, as the DeskApi reads and changes them.
import type { DeskResults } from '../../../shared/api';
import type { Request } from '../../../shared/schemas';
import type { SettingsStore } from '../settings';

export class SettingsService {
  constructor(
    private readonly settings: SettingsStore,
    /** After a change: another runsc may list other containers. */
    private readonly changed: () => Promise<void>,
  ) {}

  async getSettings(): Promise<DeskResults['getSettings']> {
    return this.settings.get();
  }

  async updateSettings(request: Request<'updateSettings'>): Promise<DeskResults['updateSettings']> {
    const change: Parameters<SettingsStore['update']>[0] = {};
    if (request.runscPath !== undefined) change.runscPath = request.runscPath;
    if (request.privilege !== undefined) change.privilege = request.privilege;
    if (request.cudaCheckpointPath !== undefined) change.cudaCheckpointPath = request.cudaCheckpointPath;
    if (request.sshConfigFile !== undefined) change.sshConfigFile = request.sshConfigFile;
    if (request.theme !== undefined) change.theme = request.theme;
    const updated = await this.settings.update(change);
    // The theme is the window's alone; anything else may change what runsc lists.
    if (Object.keys(change).some((key) => key !== 'theme')) await this.changed();
    return updated;
  }
}
