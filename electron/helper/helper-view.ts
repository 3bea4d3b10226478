// The service as the helper shows it. Inside, the helper is root and drives runsc
// directly (privilege 'none'). Outside, the person chose sudo or pkexec to reach root,
// and that choice is what Settings and the header must show and what settings.json
// must keep, or the next start as the person would read 'none' and never ask for root.
import { randomBytes } from 'node:crypto';
import { chown, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DESK_METHODS } from '../../shared/schemas';
import type { PrivilegeMode } from '../../shared/model';
import type { DeskHandlers, DeskService } from '../desk/index';
import type { Owner } from './owner';

export interface HelperViewOptions {
  /** How the shell reached root to start this helper. */
  mode: PrivilegeMode;
  owner?: Owner;
}

export function helperView(desk: DeskService, options: HelperViewOptions): DeskHandlers {
  let chosen = options.mode;
  const view = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const method of DESK_METHODS) {
    const handler = desk[method] as (request: unknown) => Promise<unknown>;
    view[method] = (request) => handler.call(desk, request);
  }
  const handlers = view as unknown as DeskHandlers;
  handlers.getOverview = async (request) => ({ ...(await desk.getOverview(request)), privilege: options.mode, helper: true });
  handlers.getSettings = async (request) => ({ ...(await desk.getSettings(request)), privilege: chosen });
  handlers.updateSettings = async (request) => {
    const { privilege, ...rest } = request;
    const settings = await desk.updateSettings(rest);
    if (privilege !== undefined) chosen = privilege;
    await keepPrivilege(desk.dataDir, chosen, options.owner);
    return { ...settings, privilege: chosen };
  };
  return handlers;
}

/** Writes the person's privilege choice back over the 'none' the root service saved. */
async function keepPrivilege(dataDir: string, privilege: PrivilegeMode, owner: Owner | undefined): Promise<void> {
  const file = join(dataDir, 'settings.json');
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  if (stored.privilege === privilege) return;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify({ ...stored, privilege }, null, 2)}\n`, { mode: 0o644 });
  if (owner) await chown(temp, owner.uid, owner.gid);
  await rename(temp, file);
}
