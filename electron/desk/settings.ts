// The user's settings, kept as JSON in the data dir.
import { join } from 'node:path';
import { z } from 'zod';
import type { PrivilegeMode, Settings } from '../../shared/model';
import { absolutePath, flagArg, hostName, privilegeMode, sshTarget, themeChoice } from '../../shared/schemas';
import type { Host } from './host/host';

const settingsFile = z.object({
  runscPath: absolutePath.nullable().default(null),
  privilege: privilegeMode.optional(),
  userRoots: z.array(z.object({ path: absolutePath, globalFlags: z.array(flagArg), runsc: absolutePath.optional() })).default([]),
  runscBinaries: z.array(absolutePath).default([]),
  profiles: z.record(z.string(), z.array(flagArg)).default({}),
  imageDirs: z.array(absolutePath).default([]),
  cudaCheckpointPath: absolutePath.nullable().default(null),
  hosts: z.array(z.object({ name: hostName, target: sshTarget })).default([]),
  sshConfigFile: absolutePath.nullable().default(null),
  theme: themeChoice.default('system'),
  /** Each remote host's own runsc, privilege, roots and image dirs. */
  hostSettings: z
    .record(
      hostName,
      z.object({
        runscPath: absolutePath.nullable().optional(),
        privilege: privilegeMode.optional(),
        userRoots: z.array(z.object({ path: absolutePath, globalFlags: z.array(flagArg), runsc: absolutePath.optional() })).optional(),
        runscBinaries: z.array(absolutePath).optional(),
        profiles: z.record(z.string(), z.array(flagArg)).optional(),
        imageDirs: z.array(absolutePath).optional(),
        cudaCheckpointPath: absolutePath.nullable().optional(),
      }),
    )
    .default({}),
});

export function defaultPrivilege(): PrivilegeMode {
  return process.getuid?.() === 0 ? 'none' : 'sudo';
}

export class SettingsStore {
  private readonly file: string;

  constructor(
    private readonly host: Host,
    dataDir: string,
    private current: Settings,
  ) {
    this.file = join(dataDir, 'settings.json');
  }

  static async load(host: Host, dataDir: string, overrides: Partial<Settings>): Promise<SettingsStore> {
    let stored: z.output<typeof settingsFile> = settingsFile.parse({});
    try {
      const parsed = settingsFile.safeParse(JSON.parse(await host.readFile(join(dataDir, 'settings.json'))));
      if (parsed.success) stored = parsed.data;
    } catch {
      // No settings yet, or unreadable: start from defaults rather than refuse to start.
    }
    const settings: Settings = {
      runscPath: stored.runscPath,
      privilege: stored.privilege ?? defaultPrivilege(),
      userRoots: stored.userRoots,
      runscBinaries: stored.runscBinaries,
      profiles: stored.profiles,
      imageDirs: stored.imageDirs,
      cudaCheckpointPath: stored.cudaCheckpointPath,
      hosts: stored.hosts,
      sshConfigFile: stored.sshConfigFile,
      theme: stored.theme,
      hostSettings: stored.hostSettings,
      ...overrides,
    };
    return new SettingsStore(host, dataDir, settings);
  }

  get(): Settings {
    return this.current;
  }

  async update(change: Partial<Settings>): Promise<Settings> {
    this.current = { ...this.current, ...change };
    await this.host.writeFileAtomic(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
    return this.current;
  }
}
