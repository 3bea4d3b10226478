import type { PrivilegeMode } from '../../shared/model';

/** How each privilege mode runs runsc, in the words the header and Settings use. */
export const PRIVILEGE_MODES: { mode: PrivilegeMode; label: string; explain: string }[] = [
  { mode: 'none', label: 'none', explain: 'Run runsc as this user. Enough when the Desk runs as root, or for rootless roots.' },
  {
    mode: 'sudo',
    label: 'sudo -n',
    explain: 'Run runsc through sudo without a prompt; needs a NOPASSWD sudoers rule for runsc.',
  },
  { mode: 'pkexec', label: 'pkexec', explain: 'Ask polkit for each call; a desktop password prompt appears.' },
];

export function privilegeLabel(mode: PrivilegeMode): string {
  return PRIVILEGE_MODES.find((p) => p.mode === mode)?.label ?? mode;
}
