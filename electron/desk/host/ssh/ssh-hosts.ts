// The remote hosts of the settings, as Hosts: one SshHost (so one master connection) per
// name, rebuilt when its target or the ssh config file changes.
import type { HostConfig } from '../../../../shared/model';
import { SshHost } from '../ssh-host';
import { controlDir } from './ssh-options';
import type { SshUser } from './ssh-process';

export class SshHosts {
  private readonly open = new Map<string, SshHost>();
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly user?: SshUser,
  ) {
    this.dir = controlDir(dataDir);
  }

  /** The Host for this configuration, reusing the open one when nothing changed. */
  get(config: HostConfig, configFile: string | null): SshHost {
    const current = this.open.get(config.name);
    if (current && current.target === config.target && current.configFile === configFile) return current;
    if (current) void current.close();
    const host = new SshHost({ name: config.name, target: config.target, configFile, controlDir: this.dir, ...(this.user ? { user: this.user } : {}) });
    this.open.set(config.name, host);
    return host;
  }

  /** Ends the host's master connection, if one is open. */
  async forget(name: string): Promise<void> {
    const host = this.open.get(name);
    this.open.delete(name);
    await host?.close();
  }

  async closeAll(): Promise<void> {
    const hosts = [...this.open.values()];
    this.open.clear();
    await Promise.all(hosts.map((host) => host.close()));
  }
}
