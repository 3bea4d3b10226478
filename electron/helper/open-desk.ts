// Where the Desk service runs, decided once at start. Root: in this process, as
// before. A person: in the privileged helper, started through sudo or pkexec, unless
// they chose privilege 'none' (then runsc runs as them, in this process).
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeskError } from '../../shared/errors';
import type { PrivilegeMode } from '../../shared/model';
import { privilegeMode } from '../../shared/schemas';
import { createDesk, type DeskOptions, type DeskService } from '../desk/index';
import { HelperClient, type HelperClientOptions } from './helper-client';
import { helperLaunch } from './launch';

export interface OpenDeskOptions extends DeskOptions {
  /** The built helper (dist/electron/desk-helper.cjs): what sudoers or polkit names. */
  helperPath: string;
  /** This process's uid; tests pass one. */
  uid?: number;
  client?: Omit<HelperClientOptions, 'dataDir'>;
}

export type DeskPlacement = { where: 'in-process'; privilege: PrivilegeMode } | { where: 'helper'; privilege: 'sudo' | 'pkexec' };

/** The --privilege flag, else the saved setting, else root: none, a person: sudo. */
export function placeDesk(uid: number, flag: PrivilegeMode | undefined, saved: PrivilegeMode | undefined): DeskPlacement {
  if (uid === 0) return { where: 'in-process', privilege: flag ?? saved ?? 'none' };
  const privilege = flag ?? saved ?? 'sudo';
  return privilege === 'none' ? { where: 'in-process', privilege } : { where: 'helper', privilege };
}

/** The privilege saved in settings.json, if any; the file is the person's, so readable here. */
export async function savedPrivilege(dataDir: string): Promise<PrivilegeMode | undefined> {
  try {
    const parsed = privilegeMode.safeParse((JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { privilege?: unknown }).privilege);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the Desk. With a helper, it is started here and now, so a missing sudoers rule
 * or a dismissed prompt is one clear error at start, with nothing half-started.
 */
export async function openDesk(options: OpenDeskOptions): Promise<DeskService> {
  const { helperPath, uid = process.getuid?.() ?? 0, client: clientOptions, ...deskOptions } = options;
  const placement = placeDesk(uid, options.privilege, await savedPrivilege(options.dataDir));
  if (placement.where === 'in-process') return warmedUp(await createDesk({ ...deskOptions, privilege: placement.privilege }));
  if (!existsSync(helperPath)) {
    throw new DeskError('NOT_FOUND', `The Desk's privileged helper is not built (${helperPath} is missing). Run \`npm run build:electron\`.`, { field: 'helperPath' });
  }
  // Made here, as the person, so the data dir is theirs before root writes into it.
  await mkdir(options.dataDir, { recursive: true });
  const launch = helperLaunch(placement.privilege, {
    helperPath,
    dataDir: options.dataDir,
    runscPath: options.runscPath,
    ...(process.env.SSH_AUTH_SOCK ? { sshAuthSock: process.env.SSH_AUTH_SOCK } : {}),
  });
  const client = new HelperClient(launch, { ...clientOptions, dataDir: options.dataDir });
  await client.start();
  return warmedUp(client.asService());
}

/**
 * The first screen is the container list, and a cold service answers it only after it
 * has probed runsc (a dozen runsc processes) and found the roots: started here, while the
 * window loads its page, the list is ready when the page asks. Its answer is dropped; a
 * failure is the page's to show when it asks. Not the overview: it probes every other
 * runsc on the machine, and at this moment that took the cores the page paints with
 * (first paint 1.36 → 1.82 s on 2 cores); the page asks for it once the list is shown.
 */
function warmedUp(desk: DeskService): DeskService {
  desk.listContainers({}).catch(() => {});
  return desk;
}
