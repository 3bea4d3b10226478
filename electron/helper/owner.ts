// Who the helper works for: the person whose sudo or pkexec started it. Files the
// helper writes into that person's data dir are handed to them, so they can read,
// copy and delete their own history.
import { execFileSync } from 'node:child_process';
import { chown, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Owner {
  uid: number;
  gid: number;
}

const asId = (value: string | undefined): number | null => {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
};

/** The person's primary group; through `id` so users from LDAP/SSSD resolve too. */
export function primaryGid(uid: number): number | null {
  try {
    return asId(execFileSync('id', ['-g', String(uid)], { encoding: 'utf8', timeout: 5000 }).trim());
  } catch {
    return null;
  }
}

/**
 * sudo sets SUDO_UID and SUDO_GID; pkexec sets only PKEXEC_UID. Root starting the
 * helper itself has no one to hand files to, so there is no owner.
 */
export function ownerFromEnv(env: NodeJS.ProcessEnv = process.env, gidOf: (uid: number) => number | null = primaryGid): Owner | undefined {
  const sudoUid = asId(env.SUDO_UID);
  const pkexecUid = asId(env.PKEXEC_UID);
  const uid = sudoUid ?? pkexecUid;
  if (uid === null || uid === 0) return undefined;
  const gid = (sudoUid !== null ? asId(env.SUDO_GID) : null) ?? gidOf(uid);
  if (gid === null) throw new Error(`Cannot find the primary group of uid ${uid} (id -g ${uid} failed).`);
  return { uid, gid };
}

/** mkdir -p that hands every folder it created to the owner. */
export async function mkdirOwned(dir: string, owner: Owner | undefined): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!owner || first === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    await chown(d, owner.uid, owner.gid);
    if (d === first || d === dirname(d)) break;
  }
}
